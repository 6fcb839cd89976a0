#include "app/common/link.h"

#include "text/text.h"

#include "data/float_text.h"

namespace nnlab::app {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += char(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];  // a link's hash is no form: '+' is a plus ("1e+06"), never a space
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_link(std::string_view link, std::vector<std::string>* bad) {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (!link.empty() && link.front() == '#') link.remove_prefix(1);
  while (!link.empty()) {
    const size_t amp = link.find('&');
    const std::string_view part = link.substr(0, amp);
    link = amp == std::string_view::npos ? std::string_view() : link.substr(amp + 1);
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      if (bad) bad->push_back(text::tr("reliability.link.no_value", {{"part", std::string(part)}}));
      continue;
    }
    pairs.emplace_back(percent_decode(part.substr(0, eq)), percent_decode(part.substr(eq + 1)));
  }
  return pairs;
}

void append_link_numbers(std::string* link, std::string_view key, std::span<const float> values) {
  link->append("&").append(key).append("=");
  for (size_t k = 0; k < values.size(); ++k) link->append(k ? "," : "").append(float_to_text(values[k]));
}

}  // namespace nnlab::app
