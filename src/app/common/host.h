// What the app asks of its host (browser or desktop) beyond the GPU: files in and out, and a
// small key/value store for settings. Declared here, implemented in src/platform (host_web.cpp,
// host_native.cpp), so the app never touches Emscripten, the DOM or the file system directly.
#pragma once
#include <string>

#include "lab/remote.h"

namespace nnlab::host {

// Offers `contents` to the user as a file: the browser downloads it; the desktop writes it
// atomically (a temporary file of its own, then a rename) into the working directory, over an
// existing file only when `replace` is true (else it fails saying the file exists: ask first,
// file_exists). Returns "" or an error. On success *where says where it went (the file name, or
// the desktop path).
std::string save_file(const std::string& file_name, const std::string& contents, std::string* where,
                      bool replace = false);
// Whether save_file would meet an existing file of that name (the desktop; never in the browser,
// whose downloads name themselves).
bool file_exists(const std::string& file_name);

// Puts `text` on the system clipboard: the browser through navigator.clipboard (or, where that is
// refused, a hidden text area and the copy command); the desktop through GLFW. False if it could
// not (the page also keeps the text in Module.nnlabClipboard, for scripts and tests).
bool copy_to_clipboard(const std::string& text);
// Whether the clipboard is where a text export goes (the browser), rather than a file (the desktop).
bool exports_to_clipboard();

// Asks the user for files: the browser opens a file picker (`accept` like ".json" or
// ".gz,.idx3-ubyte"); the desktop has no dialog and returns false (use drag-and-drop or a path).
// Chosen files arrive later through App::open_file, like dropped files do.
bool pick_files(const char* accept, bool multiple);

// Reads a whole file by path (desktop only; the browser has no paths). Returns "" or an error.
std::string read_file(const std::string& path, std::string* contents);

// Settings: localStorage on the web, a JSON file in the user's config directory on the desktop.
// A missing key gives "". Writes are atomic on the desktop.
std::string load_setting(const std::string& key);
void store_setting(const std::string& key, const std::string& value);

// The Chinese font (ui-zh.ttf): the page hands over the bytes if it has them already; otherwise it
// starts the download and delivers the font later through App::open_file("ui-zh.ttf"). The desktop
// embeds the font, so this is not asked there.
void cjk_font(std::string* bytes);

// Where the lab can train outside the frame: the page's Web Worker; nullptr on the desktop.
lab::TrainingRemote* training_remote();

}  // namespace nnlab::host
