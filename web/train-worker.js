// The MNIST lab's trainer in a Web Worker: the lab's C++ engine, the one the desktop trains with
// (nnlab-trainer.wasm, src/platform/worker/trainer_main.cpp), fed the page's messages
// (src/lab/wire.h) and answering with snapshots, so training never waits for a frame and frames
// never wait for it.
'use strict';

const SLICE_MS = 10;   // training per turn; commands from the page are handled between turns
const POST_MS = 100;   // snapshots while training (always one right after a command or a stop)

let trainer = null;
const pending = [];
let scheduled = false, lastPost = 0;

// Commands can arrive before the module is ready: keep them in order.
self.onmessage = (e) => {
  if (!e.data || !e.data.command) return;
  pending.push(new Uint8Array(e.data.command));
  if (trainer) runCommands();
};

// A zero-delay turn of the event loop (setTimeout would be clamped to ≥ 4 ms).
const turn = new MessageChannel();
turn.port1.onmessage = () => {
  scheduled = false;
  const more = trainer._trainer_update(SLICE_MS) !== 0;
  if (!more || performance.now() - lastPost >= POST_MS) post();
  if (more) schedule();
};
function schedule() {
  if (!scheduled) { scheduled = true; turn.port2.postMessage(0); }
}

function runCommands() {
  while (pending.length) {
    const bytes = pending.shift();
    const p = trainer._malloc(bytes.length);
    trainer.HEAPU8.set(bytes, p);
    trainer._trainer_command(p, bytes.length);
    trainer._free(p);
  }
  post();
  schedule();
}

function post() {
  const size = trainer._trainer_snapshot();
  const at = trainer._trainer_snapshot_data();
  const copy = trainer.HEAPU8.slice(at, at + size);
  self.postMessage({ snapshot: copy.buffer }, [copy.buffer]);
  lastPost = performance.now();
}

(async () => {
  try {
    const response = await fetch('nnlab-trainer.wasm.gz');
    if (!response.ok) throw new Error('nnlab-trainer.wasm.gz: HTTP ' + response.status);
    const wasmBinary = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    importScripts('nnlab-trainer.js');
    trainer = await createTrainer({ wasmBinary });
    runCommands();
  } catch (e) {
    self.postMessage({ error: String(e.message) });  // the page words it (lab.worker.no_start)
  }
})();
