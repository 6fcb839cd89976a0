// export_markdown.cpp — see export_markdown.h.
#include "lessons/export_markdown.h"

#include <cctype>
#include <cstdint>
#include <vector>

#include "lessons/number_format.h"
#include "text/text.h"

namespace nnlab {
namespace {

// ---- UTF-8 --------------------------------------------------------------------------------------
uint32_t next_code(std::string_view s, size_t* i) {
  const unsigned char c = static_cast<unsigned char>(s[*i]);
  int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (*i + size_t(n) > s.size()) n = 1;
  uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + size_t(k)]) & 0x3F);
  *i += size_t(n);
  return cp;
}

void append_utf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) *out += char(cp);
  else if (cp < 0x800) *out += char(0xC0 | (cp >> 6)), *out += char(0x80 | (cp & 0x3F));
  else if (cp < 0x10000)
    *out += char(0xE0 | (cp >> 12)), *out += char(0x80 | ((cp >> 6) & 0x3F)), *out += char(0x80 | (cp & 0x3F));
  else
    *out += char(0xF0 | (cp >> 18)), *out += char(0x80 | ((cp >> 12) & 0x3F)), *out += char(0x80 | ((cp >> 6) & 0x3F)),
        *out += char(0x80 | (cp & 0x3F));
}

// Superscript / subscript characters → what they stand for ("" if not one).
std::string sup_of(uint32_t c) {
  switch (c) {
    case 0x2070: return "0";
    case 0x00B9: return "1";
    case 0x00B2: return "2";
    case 0x00B3: return "3";
    case 0x207D: return "(";
    case 0x207E: return ")";
    case 0x207B: return "-";
    case 0x1D40: return "\\top ";
    case 0x1D38: return "L";
    case 0x02E1: return "l";
    case 0x2C7D: return "V";
    default: return c >= 0x2074 && c <= 0x2079 ? std::string(1, char('4' + (c - 0x2074))) : "";
  }
}
std::string sub_of(uint32_t c) {
  if (c >= 0x2080 && c <= 0x2089) return std::string(1, char('0' + (c - 0x2080)));
  switch (c) {
    case 0x208B: return "-";
    case 0x2C7C: return "j";
    case 0x2092: return "o";
    case 0x1D62: return "i";
    case 0x2096: return "k";
    default: return "";
  }
}

// Single characters → LaTeX ("" if not special).
const char* symbol_of(uint32_t c) {
  switch (c) {
    case 0x2212: return "-";
    case 0x00D7: return "\\times ";
    case 0x00B7: return "\\cdot ";
    case 0x2190: return "\\leftarrow ";
    case 0x2192: return "\\to ";
    case 0x2264: return "\\le ";
    case 0x2265: return "\\ge ";
    case 0x2260: return "\\ne ";
    case 0x2248: return "\\approx ";
    case 0x2299: return "\\odot ";
    case 0x2202: return "\\partial ";
    case 0x2032: return "'";
    case 0x00BD: return "\\tfrac{1}{2}";
    case 0x221E: return "\\infty ";
    case 0x2026: return "\\ldots ";
    case 0x03A3: return "\\sum ";
    case 0x03C3: return "\\sigma ";
    case 0x03B4: return "\\delta ";
    case 0x03B7: return "\\eta ";
    case 0x03B5: return "\\varepsilon ";
    case 0x03BC: return "\\mu ";
    case 0x03B2: return "\\beta ";
    case 0x03BB: return "\\lambda ";
    case 0x00B0: return "^{\\circ}";
    case 0x0177: return "\\hat{y}";
    case 0x2014: return "\\text{---}";
    case '{': return "\\{";
    case '}': return "\\}";
    case '%': return "\\%";
    case '#': return "\\#";
    case '&': return "\\&";
    case '_': return "\\_";
    case '~': return "\\sim ";
    case '$': return "\\$";
    case '\\': return "\\backslash ";
    default: return nullptr;
  }
}

bool ascii_letter(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool digit(uint32_t c) { return c >= '0' && c <= '9'; }
// Letters of words that are not maths: CJK, full-width punctuation, accented Latin.
bool text_char(uint32_t c) {
  return (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x00C0 && c <= 0x017F && c != 0x00D7) ||
         c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}

std::string function_word(std::string_view w) {
  if (w == "ln" || w == "log" || w == "max" || w == "exp" || w == "tanh" || w == "min") return "\\" + std::string(w) + " ";
  if (w == "ReLU" || w == "softmax" || w == "step" || w == "argmax") return "\\operatorname{" + std::string(w) + "}";
  return "";
}

std::string text_escape(std::string_view s) {  // inside \text{…}
  std::string out;
  for (char c : s) {
    if (c == '{' || c == '}' || c == '%' || c == '#' || c == '&' || c == '_' || c == '$') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string formula_latex(std::string_view f) {
  std::string out;
  size_t i = 0;
  std::string words;  // a run of text characters (CJK, words of ≥ 2 letters) waiting for \text{}
  auto flush = [&]() {  // the words, with the spaces around them inside \text{} (maths ignores its own)
    if (words.empty()) return;
    out += "\\text{" + text_escape(words) + "}";
    words.clear();
  };
  auto start_words = [&]() {
    if (words.empty() && !out.empty() && out.back() == ' ') out.pop_back(), words = " ";
  };
  while (i < f.size()) {
    const size_t at = i;
    const uint32_t c = next_code(f, &i);
    // ---- words
    if (ascii_letter(c)) {
      size_t j = at;
      while (j < f.size() && ascii_letter(static_cast<unsigned char>(f[j]))) ++j;
      const std::string_view w = f.substr(at, j - at);
      if (w.size() >= 2 && function_word(w).empty()) {
        start_words();
        words += std::string(w);
        i = j;
        continue;
      }
      flush();
      out += w.size() >= 2 ? function_word(w) : std::string(1, char(c));
      i = j;
      continue;
    }
    if (text_char(c) && !symbol_of(c)) {
      start_words();
      append_utf8(&words, c);
      continue;
    }
    if (c == ' ' && !words.empty()) {
      words += ' ';
      continue;
    }
    flush();
    // ---- scripts
    if (!sup_of(c).empty()) {
      std::string s = sup_of(c);
      size_t j = i;
      while (j < f.size()) {
        size_t k = j;
        const std::string more = sup_of(next_code(f, &k));
        if (more.empty()) break;
        s += more, j = k;
      }
      i = j;
      out += "^{" + s + "}";
      continue;
    }
    if (!sub_of(c).empty()) {
      std::string s = sub_of(c);
      size_t j = i;
      while (j < f.size()) {
        size_t k = j;
        uint32_t nx = next_code(f, &k);
        if (nx == ',' && k < f.size()) {  // "₁₀,₂": a two-digit index pair
          size_t m = k;
          if (!sub_of(next_code(f, &m)).empty()) {
            s += ",";
            j = k;
            continue;
          }
        }
        const std::string more = sub_of(nx);
        if (more.empty()) break;
        s += more, j = k;
      }
      i = j;
      out += "_{" + s + "}";
      continue;
    }
    // ---- e^−0.2, e^z
    if (c == '^') {
      std::string s;
      size_t j = i;
      size_t k = j;
      if (j < f.size()) {
        const uint32_t nx = next_code(f, &k);
        if (nx == 0x2212 || nx == '-') s += '-', j = k;
      }
      while (j < f.size()) {
        k = j;
        const uint32_t nx = next_code(f, &k);
        if (digit(nx) || nx == '.') s += char(nx), j = k;
        else if (ascii_letter(nx) && (s.empty() || s == "-")) {
          s += char(nx), j = k;
          break;
        } else break;
      }
      i = j;
      out += "^{" + s + "}";
      continue;
    }
    // ---- 13,002: a thousands separator
    if (c == ',' && !out.empty() && digit(static_cast<unsigned char>(out.back())) && i + 3 <= f.size() &&
        digit(static_cast<unsigned char>(f[i])) && digit(static_cast<unsigned char>(f[i + 1])) &&
        digit(static_cast<unsigned char>(f[i + 2])) && (i + 3 == f.size() || !digit(static_cast<unsigned char>(f[i + 3])))) {
      out += "{,}";
      continue;
    }
    if (const char* sym = symbol_of(c)) {
      out += sym;
      continue;
    }
    if (c < 0x80) {
      out += char(c);
      continue;
    }
    std::string other;
    append_utf8(&other, c);
    out += "\\text{" + other + "}";
  }
  flush();
  // no space right after an opening or before a closing dollar: pandoc would not see math
  while (!out.empty() && out.back() == ' ') out.pop_back();
  size_t lead = 0;
  while (lead < out.size() && out[lead] == ' ') ++lead;
  return out.substr(lead);
}

namespace {

std::string md_escape(std::string_view s) {  // plain text: nothing is read as Markdown
  std::string out;
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#' || c == '\\' ||
        c == '$' || c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

std::string exact_values(const Step& s) {
  std::string out;
  for (size_t k = 0; k < s.values.size(); ++k) out += (k ? ", " : "") + format_number_full(s.values[k]);
  return out;
}

}  // namespace

std::string lesson_markdown(const Lesson& lesson, const CoreTrace* trace) {
  GradientEvidence evidence;
  if (trace) gradient_evidence(*trace, &evidence);
  std::string out = "# " + md_escape(lesson.title) + "\n\n";
  if (!lesson.intro.empty()) out += md_escape(lesson.intro) + "\n\n";
  for (size_t k = 0; k < lesson.steps.size(); ++k) {
    const Step& s = lesson.steps[k];
    const std::string number = "**" + std::to_string(k + 1) + ".** ";
    if (s.kind == StepKind::note || s.kind == StepKind::decision) {
      out += number + md_escape(s.symbolic) + "\n\n";
      if (!s.substituted.empty()) out += md_escape(s.substituted) + "\n\n";
    } else {
      out += number + "$" + formula_latex(s.symbolic) + "$\n\n";
      if (!s.substituted.empty()) out += "$$" + formula_latex(s.substituted) + "$$\n\n";
    }
    if (!s.explanation.empty()) out += md_escape(s.explanation) + "\n\n";
    if (!s.values.empty()) out += "*" + md_escape(text::tr("practice.md.exact", {{"values", exact_values(s)}})) + "*\n\n";
    if (trace) {
      const std::string check = gradient_check_line(*trace, evidence, s);
      if (!check.empty()) out += "> " + md_escape(check) + "\n\n";
    }
  }
  out += md_escape(text::T("practice.md.footer")) + "\n";
  return out;
}

std::string markdown_file_name(const Lesson& lesson) {
  std::string id;
  for (char c : lesson.id) id += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '-';
  return "nnlab-" + (id.empty() ? std::string("lesson") : id) + ".md";
}

}  // namespace nnlab
