// The lab in Chinese: its messages — refused settings, refused commands, stops, file errors —
// come out in the current language with the very same numbers as in English, and the page↔worker
// wire carries no language at all (the worker's refusals travel as keyed messages).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <vector>

#include "data/idx.h"
#include "data/model_file.h"
#include "lab/byte_stream.h"
#include "lab/engine.h"
#include "lab/files.h"
#include "lab/message.h"
#include "lab/session.h"
#include "lab/settings.h"
#include "lab/wire.h"
#include "lab_fixtures.h"
#include "text/text.h"

using namespace nnlab;
using namespace nnlab::lab;
using text::Lang;

namespace {

struct LanguageScope {  // restores the language the test found
  Lang saved = text::language();
  ~LanguageScope() { text::set_language(saved); }
};

// The runs of digits in a text, sorted: a sentence's numbers, whatever the word order.
std::vector<std::string> numbers(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Latin words of 3+ letters left in a text, other than the names it is allowed to carry.
std::vector<std::string> english_words(const std::string& s, std::initializer_list<const char*> allowed) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    if (!std::isalpha(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '-')) ++j;
    const std::string word = s.substr(i, j - i);
    const bool ok = word.size() < 3 || std::any_of(allowed.begin(), allowed.end(), [&](const char* a) {
                      return word == a;
                    });
    if (!ok) out.push_back(word);
    i = j;
  }
  return out;
}

// The same call in English and in Chinese: the Chinese is Chinese, the numbers are the same.
template <class F>
std::string check_both(F&& make, std::initializer_list<const char*> allowed = {}) {
  LanguageScope scope;
  text::set_language(Lang::en);
  const std::string en = make();
  text::set_language(Lang::zh);
  const std::string zh = make();
  CAPTURE(en);
  CAPTURE(zh);
  CHECK_FALSE(en.empty());
  CHECK(zh != en);
  CHECK(numbers(zh) == numbers(en));
  CHECK(english_words(zh, allowed).empty());
  return zh;
}

// A session trained to its end on the tiny dataset (16 pixels, 4 classes).
void train_to_end(Session& lab, const Settings& s) {
  lab.set_data("tiny", nnlab::test::tiny_dataset(8), 4);
  REQUIRE(lab.rebuild(s) == "");
  REQUIRE(lab.start() == "");
  for (int frame = 0; frame < 10000 && lab.phase() == Phase::running; ++frame) lab.update(2.0);
  REQUIRE(lab.phase() == Phase::finished);
}

// A snapshot's bytes without the two timing fields (the only ones two runs may differ in).
std::string timeless_snapshot(const Engine& engine) {
  Snapshot s;
  engine.snapshot(&s);
  s.ms_per_step = 0;
  s.samples_per_s = 0;
  return snapshot_message(s);
}

}  // namespace

TEST_SUITE("mnist lab in two languages") {
  TEST_CASE("a refused setting says why in Chinese, with the same numbers") {
    Settings s;
    bool live;
    const std::string lr = check_both([&] { return apply_setting(&s, "lr", "50", {784, 10}, &live); });
    CHECK(lr == "学习率必须是区间 (0, 10] 内的数（收到的是“50”）");
    check_both([&] { return apply_setting(&s, "batch", "0", {784, 10}, &live); });
    check_both([&] { return apply_setting(&s, "arch", "784-2000-10", {784, 10}, &live); });
    check_both([&] { return apply_setting(&s, "arch", "784-16", {784, 10}, &live); });
    // The choices are code names, the same in every language.
    const std::string act = check_both([&] { return apply_setting(&s, "act", "swish", {784, 10}, &live); },
                                       {"act", "relu", "leaky-relu", "sigmoid", "tanh", "swish"});
    CHECK(act.find("leaky-relu") != std::string::npos);
    CHECK(s == Settings{});
  }

  TEST_CASE("start when finished, and the stop, are said in Chinese") {
    const Settings s = nnlab::test::tiny_settings({{"arch", "16-8-4"}, {"batch", "8"}, {"epochs", "3"}});
    Session lab;
    train_to_end(lab, s);
    CHECK(check_both([&] { return lab.start(); }) == "已完成 3 个轮次：要继续训练，请调高轮次，或按“重置”");
    CHECK(check_both([&] { return lab.message(); }) == "已完成 3 个轮次");
    CHECK(check_both([&] { return lab.step(); }) == "已完成：请调高轮次，或按“重置”");
    LanguageScope scope;
    text::set_language(Lang::en);
    CHECK(lab.start() == "finished 3 epochs: raise epochs to train on, or press Reset");
  }

  TEST_CASE("a divergence is said in Chinese with its step") {
    Session lab;
    lab.set_data("tiny", nnlab::test::tiny_dataset(16), 4);
    const Settings s = nnlab::test::tiny_settings(
        {{"arch", "16-8-4"}, {"opt", "sgd"}, {"loss", "mse"}, {"act", "leaky-relu"}, {"lr", "10"}, {"epochs", "200"}});
    REQUIRE(lab.rebuild(s) == "");
    Mlp big = lab.model();
    for (float& w : big.params()) w *= 1e25f;
    REQUIRE(lab.adopt(big, s) == "");
    REQUIRE(lab.start() == "");
    for (int frame = 0; frame < 2000 && lab.phase() == Phase::running; ++frame) lab.update(2.0);
    REQUIRE(lab.phase() == Phase::diverged);
    const std::string zh = check_both([&] { return lab.message(); });
    CHECK(zh.find("发散") != std::string::npos);
    CHECK(zh.find(std::to_string(lab.shown().stop_step)) != std::string::npos);
  }

  TEST_CASE("file errors are said in Chinese; the file names stay as they are") {
    Session lab;
    lab.set_data("tiny", nnlab::test::tiny_dataset(4), 4);
    const Settings s = nnlab::test::tiny_settings({{"arch", "16-5-4"}});
    REQUIRE(lab.rebuild(s) == "");
    std::string text;
    REQUIRE(model_file_text(lab, s, &text) == "");
    Mlp m;
    Settings t;
    const std::string zh = check_both([&] { return read_model_file("other.json", text, {784, 10}, &m, &t); },
                                      {"other", "json"});
    CHECK(zh == "other.json：这个模型有 16 个输入、4 个输出，但实验室的数据需要 784 个输入和 10 个输出");
    check_both([&] { return read_model_file("broken.json", "[1, 2]", {16, 4}, &m, &t); }, {"broken", "json", "JSON"});
    std::string error;
    IdxImages images;
    const std::string idx =
        check_both([&] { return (void)parse_idx_images({}, "train-images-idx3-ubyte", &images, &error), error; },
                   {"train-images-idx3-ubyte", "IDX"});
    CHECK(idx.rfind("train-images-idx3-ubyte：", 0) == 0);
    check_both([&] { return (void)load_idx_dir("/no/such/dir", 10, nullptr, &error), error; }, {"such", "dir", "MNIST", "IDX"});
    IdxCollector c;
    check_both([&] { return c.add("digits.bin", "", 10); },
               {"digits", "bin", "IDX", "train-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "gz"});
    check_both([&] { return c.take(nullptr); },
               {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"});
  }

  TEST_CASE("the wire carries no language: snapshots made in Chinese and in English are the same bytes") {
    const Settings s = nnlab::test::tiny_settings({{"arch", "16-8-4"}, {"batch", "8"}, {"epochs", "2"}});
    std::string link;
    append_settings_link(s, {16, 4}, &link);
    ByteWriter bad;  // the settings' link form with an absurd batch: refused, with the setting's own message inside
    bad.put(char(Verb::rebuild));
    std::string absurd = link;
    const size_t at = absurd.find("&batch=");
    absurd.replace(at, absurd.find('&', at + 1) - at, "&batch=33751296");
    bad.put_string(absurd);
    const std::string bad_message = bad.take();

    // Two workers driven through the same messages, one in each language; the first refuses a
    // start after its last epoch, the second a malformed rebuild.
    std::string bytes[2][2];
    LanguageScope scope;
    for (Lang lang : text::kLangs) {
      text::set_language(lang);
      Engine worker;
      REQUIRE(apply_message(worker, data_message("tiny", *nnlab::test::tiny_dataset(4), 4)) == "");
      REQUIRE(apply_message_keyed(worker, settings_message(Verb::rebuild, s, worker.shape())).empty());
      REQUIRE(apply_message_keyed(worker, plain_message(Verb::start)).empty());
      for (int i = 0; i < 100 && worker.state().phase == Phase::running; ++i) worker.update(1e9);
      REQUIRE(worker.state().phase == Phase::finished);
      CHECK_FALSE(apply_message_keyed(worker, plain_message(Verb::start)).empty());
      bytes[int(lang)][0] = timeless_snapshot(worker);
      CHECK_FALSE(apply_message_keyed(worker, bad_message).empty());
      bytes[int(lang)][1] = timeless_snapshot(worker);
    }
    CHECK(bytes[0][0] == bytes[1][0]);
    CHECK(bytes[0][1] == bytes[1][1]);

    // The page makes the text in its own language from what arrived.
    Snapshot shown;
    Message error;
    REQUIRE(read_snapshot(bytes[0][0], {16 * 8 + 8 + 8 * 4 + 4, 16, 4}, &shown, &error));
    REQUIRE_FALSE(shown.refusal.empty());
    CHECK(message_text_in(Lang::zh, shown.refusal) == "已完成 2 个轮次：要继续训练，请调高轮次，或按“重置”");
    CHECK(message_text_in(Lang::en, shown.refusal) == "finished 2 epochs: raise epochs to train on, or press Reset");
    REQUIRE(read_snapshot(bytes[1][1], {16 * 8 + 8 + 8 * 4 + 4, 16, 4}, &shown, &error));
    const std::string malformed = message_text_in(Lang::zh, shown.refusal);
    CAPTURE(malformed);
    CHECK(malformed.find("批量大小") != std::string::npos);  // the setting's own message, inside
    CHECK(malformed.find("33751296") != std::string::npos);
    CHECK(message_text_in(Lang::en, shown.refusal).find("batch must be a whole number") != std::string::npos);
  }

  TEST_CASE("every stop, phase and refusal the engine gives has its text in both languages") {
    Snapshot s;
    s.epochs_done = 4, s.stop_epoch = 4, s.patience = 1, s.stop_step = 312;
    std::vector<Message> all;
    for (StopReason r : {StopReason::epochs_done, StopReason::early_stopped, StopReason::diverged}) {
      s.stop = r;
      all.push_back(stop_message(s));
    }
    Settings settings;
    settings.epochs = 4;
    all.push_back(start_refusal(s, settings, false));
    all.push_back(start_refusal(s, settings, true));
    s.epochs_done = 1;
    s.stop = StopReason::early_stopped;
    all.push_back(start_refusal(s, settings, true));
    s.phase = Phase::running;
    all.push_back(step_refusal(s, settings, true));
    for (const Message& m : all) {
      CAPTURE(m.key);
      REQUIRE(message_key_known(m.key));
      CHECK(message_text_in(Lang::zh, m) != message_text_in(Lang::en, m));
      CHECK(numbers(message_text_in(Lang::zh, m)) == numbers(message_text_in(Lang::en, m)));
    }
    LanguageScope scope;
    for (int p = 0; p < kPhaseCount; ++p) {
      text::set_language(Lang::zh);
      const std::string zh = phase_label(Phase(p));
      text::set_language(Lang::en);
      CHECK(zh != phase_label(Phase(p)));
      CHECK(std::string(phase_label(Phase(p))) == phase_name(Phase(p)));  // English shows the code's word
    }
  }
}
