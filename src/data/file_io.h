// Whole-file I/O for the data layer: read a file (inflating gzip when it is gzip), write a file
// atomically (temporary file + rename), and inflate gzip bytes already in memory.
// Every function returns false with a message that names the file and what went wrong; none
// throws. Natively zlib inflates gzip. The web build has no zlib: under node (nnlab-cli.js, the
// wasm unit tests) node's zlib inflates; in the browser gzip input is reported as such (the page
// inflates with DecompressionStream and hands the plain bytes to the parse-from-memory APIs).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nnlab {

inline constexpr std::size_t kMaxFileBytes = std::size_t(1) << 30;  // 1 GiB: refuse anything larger

// True when the bytes start with the gzip magic 1f 8b.
bool is_gzip(std::span<const std::uint8_t> bytes);

// Inflates one gzip stream into *out. `name` is only used in messages.
// Without zlib and outside node it fails with a message saying so.
bool gunzip(std::span<const std::uint8_t> gz, std::string_view name, std::vector<std::uint8_t>* out,
            std::string* error);
// Inflates at most `max_bytes` of one gzip stream into *out: a stream that inflates to more stops
// there without an error (*out holds its first max_bytes; the caller's parser then sees what the
// header announced and what follows it), so a small file can never inflate into more memory than
// its reader allows. *more is set to whether the stream had more than max_bytes.
bool gunzip_prefix(std::span<const std::uint8_t> gz, std::string_view name, std::size_t max_bytes,
                   std::vector<std::uint8_t>* out, bool* more, std::string* error);

// Reads a whole file; with inflate_gz = true, gzip content (by magic, not by name) is inflated.
bool read_file(const std::string& path, std::vector<std::uint8_t>* out, std::string* error, bool inflate_gz = false);
bool read_text_file(const std::string& path, std::string* out, std::string* error);

// Writes a temporary file beside `path` with a name of its own ("path.<pid>-<n>.tmp", created
// exclusively: never an existing file, nor a symbolic link planted under that name), flushes it
// to disk (a failed fsync fails the save), then renames it over `path`: an interrupted or failed
// write leaves the previous `path` untouched (the temporary is removed). With replace = false an
// existing `path` is never replaced: the save fails saying it exists.
bool write_file_atomic(const std::string& path, std::string_view content, std::string* error, bool replace = true);

}  // namespace nnlab
