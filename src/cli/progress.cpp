// Progress bar on stderr. See progress.h.
#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

#include "data/host_io.h"

namespace nnlab::cli {

// (under node, NODERAWFS's isatty() answers for its own streams, so the platform asks node)
ProgressBar::ProgressBar()
    : enabled_(host_io().stderr_is_terminal ? host_io().stderr_is_terminal() : isatty(STDERR_FILENO) == 1) {}

std::string format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 359999) return "--:--";
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

void ProgressBar::update(double fraction, double elapsed_s, const std::string& detail) {
  if (!enabled_ || (last_draw_ >= 0 && elapsed_s - last_draw_ < 0.1 && fraction < 1.0)) return;
  last_draw_ = elapsed_s;
  if (fraction < 0) fraction = 0;
  if (fraction > 1) fraction = 1;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(fraction * kWidth + 0.5);
  std::string line = "\r[";
  line.append(static_cast<std::size_t>(filled), '#');
  line.append(static_cast<std::size_t>(kWidth - filled), '.');
  char pct[16];
  std::snprintf(pct, sizeof pct, "] %3d%%  ", static_cast<int>(fraction * 100));
  line += pct;
  line += detail;
  // ETA from the average speed so far (needs a little progress to mean anything).
  line += "  ETA " + (fraction > 0.01 ? format_duration(elapsed_s * (1 - fraction) / fraction) : std::string("--:--"));
  const std::size_t width = line.size();
  if (width < last_width_) line.append(last_width_ - width, ' ');  // erase leftovers of a longer line
  last_width_ = width;
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!enabled_ || last_width_ == 0) return;
  std::fprintf(stderr, "\r%*s\r", static_cast<int>(last_width_), "");
  std::fflush(stderr);
  last_width_ = 0;
}

}  // namespace nnlab::cli
