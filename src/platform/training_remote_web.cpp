// lab/remote.h in the browser (host::training_remote, app/common/host.h): the lab's training runs
// in a Web Worker (web/train-worker.js running nnlab-trainer.wasm, src/platform/worker/). Messages
// go out as transferred ArrayBuffers; only the newest snapshot is kept until the next frame takes it.
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include <string>

#include "app/common/host.h"
#include "platform/web.h"

// JavaScript inside: clang-format would split "=>" and "===".
// clang-format off
EM_JS(void, js_worker_start, (), {
  // failure: {key, detail}, a key of the string tables (lab.worker.*) and the browser's own words.
  const state = Module.nnlabTraining = {worker : null, latest : null, failure : null};
  try {
    const worker = new Worker('train-worker.js');
    worker.onmessage = (e) => {
      if (e.data && e.data.snapshot) state.latest = e.data.snapshot;
      else if (e.data && e.data.error) state.failure = {key : 'lab.worker.no_start', detail : String(e.data.error)};
    };
    worker.onerror = (e) => {
      state.failure = e.message ? {key : 'lab.worker.stopped', detail : String(e.message)}
                                : {key : 'lab.worker.stopped_plain', detail : ""};
      e.preventDefault();
    };
    state.worker = worker;
  } catch (e) {
    state.failure = {key : 'lab.worker.unsupported', detail : String(e.message)};
  }
});

EM_JS(void, js_worker_send, (const char* bytes, int size), {
  const state = Module.nnlabTraining;
  if (!state.worker || state.failure) return;
  const copy = HEAPU8.slice(bytes, bytes + size);
  state.worker.postMessage({command : copy.buffer}, [copy.buffer]);
});

EM_JS(int, js_worker_snapshot_size, (), {
  const latest = Module.nnlabTraining.latest;
  return latest ? latest.byteLength : -1;
});

EM_JS(void, js_worker_take_snapshot, (char* out), {
  const state = Module.nnlabTraining;
  HEAPU8.set(new Uint8Array(state.latest), out);
  state.latest = null;
});

// The failure's key (part 0) or detail (part 1), for take_js_string; 0 while there is none.
EM_JS(char*, js_worker_failure, (int part), {
  const failure = Module.nnlabTraining.failure;
  if (!failure) return 0;
  return allocateUTF8(part == 0 ? failure.key : failure.detail);
});
// clang-format on

namespace {

class WorkerRemote : public nnlab::lab::TrainingRemote {
 public:
  WorkerRemote() { js_worker_start(); }
  void send(std::string message) override {
    if (failure_.empty()) js_worker_send(message.data(), int(message.size()));
  }
  bool receive(std::string* snapshot) override {
    const int size = js_worker_snapshot_size();
    if (size < 0) return false;
    snapshot->resize(size_t(size));
    js_worker_take_snapshot(snapshot->data());
    return true;
  }
  nnlab::lab::Message failure() const override {
    if (failure_.empty()) {
      const std::string key = nnlab::platform::take_js_string(js_worker_failure(0));
      if (!key.empty())
        failure_ = nnlab::lab::Message(key, {{"detail", nnlab::platform::take_js_string(js_worker_failure(1))}});
    }
    return failure_;
  }

 private:
  mutable nnlab::lab::Message failure_;
};

}  // namespace

namespace nnlab::host {

nnlab::lab::TrainingRemote* training_remote() {
  static WorkerRemote remote;
  return &remote;
}

}  // namespace nnlab::host
#endif
