// host.h in the browser: downloads through a Blob link, the file picker and localStorage
// (web/shell.js does the DOM work; files come back through nnlab_open_file).
#ifdef __EMSCRIPTEN__
#include <emscripten.h>


#include "app/common/host.h"
#include "platform/web.h"

// JavaScript inside: clang-format would split "=>" and "===".
// clang-format off
EM_JS(void, js_download, (const char* name, const char* bytes, int size), {
  const data = HEAPU8.slice(bytes, bytes + size);
  const url = URL.createObjectURL(new Blob([data], {
    type:
      'application/octet-stream'
  }));
  const a = document.createElement('a');
  a.href = url;
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
});

// The clipboard: the asynchronous API where the page may use it, else a selected hidden text area
// and document.execCommand('copy'). Module.nnlabClipboard keeps the last text either way.
EM_JS(int, js_copy_text, (const char* text_ptr), {
  const text = UTF8ToString(text_ptr);
  Module.nnlabClipboard = text;
  const fallback = () => {
    const area = document.createElement('textarea');
    area.value = text;
    area.readOnly = true;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
    }
    area.remove();
    return ok;
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).catch(() => { fallback(); });
    return 1;
  }
  return fallback() ? 1 : 0;
});

EM_JS(int, js_pick_files, (const char* accept, int multiple), {
  if (!Module.pickFiles) return 0;
  Module.pickFiles(UTF8ToString(accept), !!multiple);
  return 1;
});

EM_JS(char*, js_load_setting, (const char* key), {
  let value = "";
  try {
    value = localStorage.getItem("nnlab." + UTF8ToString(key)) || "";
  } catch (e) {
  }
  return allocateUTF8(value);
});

EM_JS(void, js_store_setting, (const char* key, const char* value), {
  try {
    localStorage.setItem('nnlab.' + UTF8ToString(key), UTF8ToString(value));
  } catch (e) {
    console.warn('nnlab: cannot store settings: ' + e.message);
  }
});

// The Chinese font: the bytes web/shell.js fetched (when the page opened in Chinese it fetched them
// before starting the app), else a download that ends in nnlab_open_file("ui-zh.ttf").
EM_JS(int, js_cjk_font_size, (), {
  if (Module.nnlabCjkFont) return Module.nnlabCjkFont.length;
  if (Module.fetchCjkFont) Module.fetchCjkFont();
  return 0;
});
EM_JS(void, js_cjk_font_take, (char* out), { HEAPU8.set(Module.nnlabCjkFont, out); });
// clang-format on

namespace nnlab::host {

void cjk_font(std::string* bytes) {
  const int n = js_cjk_font_size();
  if (n <= 0) return;
  bytes->resize(size_t(n));
  js_cjk_font_take(bytes->data());
}

std::string save_file(const std::string& file_name, const std::string& contents, std::string* where, bool) {
  js_download(file_name.c_str(), contents.data(), int(contents.size()));
  if (where) *where = file_name + " (your browser's downloads)";
  return "";
}

bool file_exists(const std::string&) { return false; }  // each download is a new file
bool copy_to_clipboard(const std::string& text) { return js_copy_text(text.c_str()) != 0; }
bool exports_to_clipboard() { return true; }

bool pick_files(const char* accept, bool multiple) { return js_pick_files(accept, multiple) != 0; }

std::string read_file(const std::string& path, std::string*) {
  return "the browser cannot open " + path + " by path: drop the file on the page or use the file picker";
}

std::string load_setting(const std::string& key) {
  return platform::take_js_string(js_load_setting(key.c_str()));
}

void store_setting(const std::string& key, const std::string& value) { js_store_setting(key.c_str(), value.c_str()); }

}  // namespace nnlab::host
#endif
