// A one-line progress bar with ETA on stderr, drawn only when stderr is a terminal (so logs and
// pipes stay clean) and redrawn at most ten times a second.
//   [##########..........]  52%  epoch 3/5  loss 0.4123  acc 86.1%  ETA 0:12
#pragma once
#include <string>

namespace nnlab::cli {

class ProgressBar {
 public:
  ProgressBar();  // enabled iff stderr is a terminal (natively and under node)
  bool enabled() const { return enabled_; }
  // fraction in [0, 1]; elapsed seconds since the start; detail e.g. "epoch 3/5  loss 0.41".
  void update(double fraction, double elapsed_s, const std::string& detail);
  void finish();  // erases the line

 private:
  bool enabled_ = false;
  double last_draw_ = -1.0;
  std::size_t last_width_ = 0;
};

// "0:07", "12:34", "1:02:03"
std::string format_duration(double seconds);

}  // namespace nnlab::cli
