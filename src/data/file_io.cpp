// Whole-file I/O: read (+ gunzip), atomic write. See file_io.h.
#include "data/file_io.h"

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "data/host_io.h"
#include "text/text.h"

#if defined(NNLAB_HAVE_ZLIB)
#include <zlib.h>
#endif

namespace nnlab {
namespace {

using text::tr;

// "<file>: <what went wrong>".
void set_error(std::string* error, const std::string& name, const std::string& what) {
  if (error) *error = tr("data.file_error", {{"name", name}, {"what", what}});
}

// What errno says: the usual cases in the current language, the rest in the C library's words.
std::string errno_text() {
  const int e = errno;
  switch (e) {
    case ENOENT: return text::T("data.errno.enoent");
    case EACCES: return text::T("data.errno.eacces");
    case EISDIR: return text::T("data.errno.eisdir");
    case ENOTDIR: return text::T("data.errno.enotdir");
    case ENOSPC: return text::T("data.errno.enospc");
    case EROFS: return text::T("data.errno.erofs");
    default: return std::strerror(e);
  }
}

constexpr const char* kGiB = "1 GiB";

}  // namespace

bool is_gzip(std::span<const std::uint8_t> bytes) { return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b; }

bool gunzip(std::span<const std::uint8_t> gz, std::string_view name, std::vector<std::uint8_t>* out,
            std::string* error) {
  std::string who(name);
#if defined(NNLAB_HAVE_ZLIB)
  out->clear();
  z_stream zs{};
  // 16 + MAX_WBITS: expect a gzip header and trailer (CRC-32 and length are checked by zlib).
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
    set_error(error, who, tr("data.gzip.init", {{"library", "zlib"}}));
    return false;
  }
  zs.next_in = const_cast<Bytef*>(gz.data());
  zs.avail_in = static_cast<uInt>(gz.size());
  std::size_t produced = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out->size() - produced < 65536) {
      if (out->size() >= kMaxFileBytes) {
        inflateEnd(&zs);
        set_error(error, who, tr("data.gzip.too_big", {{"limit", kGiB}}));
        return false;
      }
      out->resize(out->size() < 65536 ? 262144 : out->size() * 2);
    }
    zs.next_out = out->data() + produced;
    zs.avail_out = static_cast<uInt>(out->size() - produced);
    rc = inflate(&zs, Z_NO_FLUSH);
    produced = out->size() - zs.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      inflateEnd(&zs);
      set_error(error, who, tr("data.gzip.truncated", {{"format", "gzip"}}));
      return false;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      std::string why = zs.msg ? zs.msg : text::T("data.gzip.corrupt");  // (zlib's words when it has some)
      inflateEnd(&zs);
      set_error(error, who, tr("data.gzip.bad", {{"format", "gzip"}, {"why", why}}));
      return false;
    }
  }
  inflateEnd(&zs);
  out->resize(produced);
  return true;
#else
  if (host_io().gunzip) {
    std::string why;
    if (host_io().gunzip(gz, kMaxFileBytes, out, &why)) return true;
    set_error(error, who, why);
    return false;
  }
  (void)out;
  set_error(error, who, tr("data.gzip.no_zlib", {{"format", "gzip"}, {"library", "zlib"}, {"tool", "gunzip"}}));
  return false;
#endif
}

bool read_file(const std::string& path, std::vector<std::uint8_t>* out, std::string* error, bool inflate_gz) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    set_error(error, path, tr("data.file.cannot_open", {{"why", errno_text()}}));
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    set_error(error, path, text::T("data.file.is_dir"));
    return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    set_error(error, path, tr("data.file.cannot_open", {{"why", errno_text()}}));
    return false;
  }
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[65536];
  bool ok = true;
  for (;;) {
    std::size_t n = std::fread(chunk, 1, sizeof chunk, f);
    bytes.insert(bytes.end(), chunk, chunk + n);
    if (bytes.size() > kMaxFileBytes) {
      set_error(error, path, tr("data.file.too_big", {{"limit", kGiB}}));
      ok = false;
      break;
    }
    if (n < sizeof chunk) {
      if (std::ferror(f)) {
        set_error(error, path, tr("data.file.read_error", {{"why", errno_text()}}));
        ok = false;
      }
      break;
    }
  }
  std::fclose(f);
  if (!ok) return false;
  if (inflate_gz && is_gzip(bytes)) return gunzip(bytes, path, out, error);
  *out = std::move(bytes);
  return true;
}

bool read_text_file(const std::string& path, std::string* out, std::string* error) {
  std::vector<std::uint8_t> bytes;
  if (!read_file(path, &bytes, error)) return false;
  out->assign(bytes.begin(), bytes.end());
  return true;
}

bool write_file_atomic(const std::string& path, std::string_view content, std::string* error) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    set_error(error, path, tr("data.file.cannot_write", {{"why", errno_text()}, {"tmp", tmp}}));
    return false;
  }
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = ok && std::fflush(f) == 0;
  int saved_errno = errno;
#if !defined(__EMSCRIPTEN__)
  if (ok) fsync(fileno(f));  // best effort: some file systems do not support it
#endif
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    errno = saved_errno ? saved_errno : errno;
    set_error(error, path, tr("data.file.write_failed", {{"why", errno_text()}}));
    std::remove(tmp.c_str());
    return false;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    set_error(error, path, tr("data.file.cannot_replace", {{"why", errno_text()}}));
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace nnlab
