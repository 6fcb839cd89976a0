// Model files (data/model_file.h) and the lab's reading of them (lab/files.h): whatever the bytes,
// loading returns a model or a readable message; a model that loads is written back to a file
// that loads to the very same bits.
#include <cstring>

#include "data/model_file.h"
#include "fuzz_util.h"
#include "lab/files.h"

using namespace nnlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  Mlp model;
  TrainingInfo info;
  std::string error;
  if (!model_from_json(text, "model.json", &model, &info, &error)) {
    FUZZ_CHECK(!error.empty(), "a refusal says why");
    fuzz::check_text(error, "the message is valid UTF-8");
    FUZZ_CHECK(model.layer_count() == 0, "a refused file leaves the model untouched");
  } else {
    std::string saved;
    FUZZ_CHECK(model_to_json(model, &info, &saved, &error), error);
    fuzz::check_text(saved, "a saved file is valid UTF-8");
    Mlp back;
    TrainingInfo back_info;
    FUZZ_CHECK(model_from_json(saved, "saved.json", &back, &back_info, &error), error);
    FUZZ_CHECK(back.layer_count() == model.layer_count(), "the same layers");
    for (int l = 0; l < model.layer_count(); ++l) {
      FUZZ_CHECK(back.layer(l).inputs == model.layer(l).inputs, "the same shape");
      FUZZ_CHECK(back.layer(l).outputs == model.layer(l).outputs, "the same shape");
      FUZZ_CHECK(back.layer(l).activation == model.layer(l).activation, "the same activation");
    }
    FUZZ_CHECK(back.params().size() == model.params().size() &&
                   std::memcmp(back.params().data(), model.params().data(), model.params().size_bytes()) == 0,
               "every bit of every parameter");
    std::string again;
    FUZZ_CHECK(model_to_json(back, &back_info, &again, &error), error);
    FUZZ_CHECK(again == saved, "a second save writes the same text");
  }
  // The lab's way in: the same file, checked against the MNIST lab's data.
  lab::Settings settings;
  Mlp lab_model;
  const std::string why = lab::read_model_file("model.json", std::string(text), {784, 10}, &lab_model, &settings);
  fuzz::check_text(why, "the lab's message is valid UTF-8");
  return 0;
}
