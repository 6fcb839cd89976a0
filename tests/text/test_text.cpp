// The string tables and the current language (text/text.h). The build already refuses tables
// whose keys, placeholders or Chinese texts disagree (scripts/strings.py); these tests check the
// lookup itself and repeat the table checks on what the binary carries.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "text/text.h"

using namespace nnlab;
using text::Lang;

namespace {

// The placeholders {name} of a text, as a set (literal {{ }} braces are not placeholders).
std::set<std::string> placeholders(const std::string& s) {
  std::set<std::string> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{') {
      ++i;
      continue;
    }
    if (s[i] != '{') continue;
    const size_t close = s.find('}', i);
    if (close == std::string::npos) break;
    out.insert(s.substr(i + 1, close - i - 1));
    i = close;
  }
  return out;
}

struct LanguageScope {  // restores the language the test found
  Lang saved = text::language();
  ~LanguageScope() { text::set_language(saved); }
};

}  // namespace

TEST_SUITE("text") {
  TEST_CASE("every key has a text in both languages, with the same placeholders") {
    REQUIRE(text::key_count() > 0);
    for (int i = 0; i < text::key_count(); ++i) {
      const char* key = text::key_at(i);
      CAPTURE(key);
      const std::string en = text::T_in(Lang::en, key), zh = text::T_in(Lang::zh, key);
      CHECK_FALSE(en.empty());
      CHECK_FALSE(zh.empty());
      CHECK(placeholders(en) == placeholders(zh));
      if (i > 0) CHECK(std::string(text::key_at(i - 1)) < key);  // sorted: lookups are binary searches
    }
  }

  TEST_CASE("lookups follow the current language; placeholders are filled by name") {
    LanguageScope scope;
    text::set_language(Lang::en);
    CHECK(std::string(text::T("view.neuron")) == "Neuron");
    text::set_language(Lang::zh);
    CHECK(std::string(text::T("view.neuron")) == "神经元");
    CHECK(text::tr("app.opened", {{"name", "model.json"}}) == "已打开 model.json");
    CHECK(text::tr_in(Lang::en, "app.opened", {{"name", "model.json"}}) == "opened model.json");
    // Each language keeps its own word order: the same values land in different places.
    const std::string en = text::tr_in(Lang::en, "app.link_ignored", {{"key", "w1"}, {"value", "x"}, {"why", "bad"}});
    const std::string zh = text::tr_in(Lang::zh, "app.link_ignored", {{"key", "w1"}, {"value", "x"}, {"why", "bad"}});
    CHECK(en == "ignored w1=x: bad");
    CHECK(zh == "已忽略 w1=x：bad");
    // A key the tables lack comes back as itself (the build refuses that for keys in the sources).
    CHECK(std::string(text::T("no.such.key")) == "no.such.key");
    // … valid UTF-8 even when it is not (a key that came over the wire): stray bytes as U+FFFD.
    CHECK(std::string(text::T("no.such\xff")) == "no.such\xEF\xBF\xBD");
    // A placeholder without a value stays visible rather than vanishing.
    CHECK(text::tr_in(Lang::en, "app.opened", {}) == "opened {name}");
  }

  TEST_CASE("language codes: browsers', systems' and links' forms") {
    Lang l = Lang::en;
    for (const char* zh : {"zh", "zh-CN", "zh-TW", "zh_CN.UTF-8", "ZH-hans", "zh@pinyin"}) {
      CAPTURE(zh);
      REQUIRE(text::parse_lang(zh, &l));
      CHECK(l == Lang::zh);
    }
    for (const char* en : {"en", "en-GB", "en_US.UTF-8", "C", "POSIX", "C.UTF-8"}) {
      CAPTURE(en);
      REQUIRE(text::parse_lang(en, &l));
      CHECK(l == Lang::en);
    }
    for (const char* bad : {"", "z", "de", "fr-FR", "zhx", "english"}) {
      CAPTURE(bad);
      CHECK_FALSE(text::parse_lang(bad, &l));
    }
    CHECK(std::string(text::lang_code(Lang::zh)) == "zh");
  }
}
