// Whole-file I/O: read (+ gunzip), atomic write. See file_io.h.
#include "data/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
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

bool gunzip_prefix(std::span<const std::uint8_t> gz, std::string_view name, std::size_t max_bytes,
                   std::vector<std::uint8_t>* out, bool* more, std::string* error) {
  std::string who(name);
  if (more) *more = false;
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
    if (produced == max_bytes) {  // full: one byte more says whether the stream goes on
      std::uint8_t probe;
      zs.next_out = &probe;
      zs.avail_out = 1;
      rc = inflate(&zs, Z_NO_FLUSH);
      if (zs.avail_out == 0) {
        if (more) *more = true;
        inflateEnd(&zs);
        out->resize(produced);
        return true;
      }
    } else {
      if (out->size() - produced < 65536 && out->size() < max_bytes)
        out->resize(std::min(max_bytes, out->size() < 65536 ? std::size_t(262144) : out->size() * 2));
      zs.next_out = out->data() + produced;
      zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out->size() - produced, 1u << 30));
      const uInt before = zs.avail_out;
      rc = inflate(&zs, Z_NO_FLUSH);
      produced += before - zs.avail_out;
    }
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
    // (node's zlib inflates whole streams, up to 1 GiB; the prefix is cut from that)
    std::string why;
    if (!host_io().gunzip(gz, kMaxFileBytes, out, &why)) {
      set_error(error, who, why);
      return false;
    }
    if (out->size() > max_bytes) {
      if (more) *more = true;
      out->resize(max_bytes);
    }
    return true;
  }
  (void)out;
  (void)max_bytes;
  set_error(error, who, tr("data.gzip.no_zlib", {{"format", "gzip"}, {"library", "zlib"}, {"tool", "gunzip"}}));
  return false;
#endif
}

bool gunzip(std::span<const std::uint8_t> gz, std::string_view name, std::vector<std::uint8_t>* out,
            std::string* error) {
  bool more = false;
  if (!gunzip_prefix(gz, name, kMaxFileBytes, out, &more, error)) return false;
  if (!more) return true;
  out->clear();
  out->shrink_to_fit();
  set_error(error, std::string(name), tr("data.gzip.too_big", {{"limit", kGiB}}));
  return false;
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

namespace {

// A name for the temporary beside `path` that no other save (of this process or another) uses.
std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return path + "." + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
         std::to_string(static_cast<unsigned long long>(now) % 1000000007ULL) + ".tmp";
}

// Creates the temporary exclusively: O_EXCL fails on anything already there, a symbolic link
// included (O_NOFOLLOW says so once more); a name taken is tried again with the next one.
int create_temporary(const std::string& path, std::string* tmp) {
#if defined(__EMSCRIPTEN__)
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL;  // (node's fs takes no O_NOFOLLOW or O_CLOEXEC)
#else
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
#endif
  for (int attempt = 0; attempt < 64; ++attempt) {
    *tmp = temporary_name(path);
    const int fd = open(tmp->c_str(), kFlags, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

bool write_file_atomic(const std::string& path, std::string_view content, std::string* error, bool replace) {
  std::string tmp;
  const int fd = create_temporary(path, &tmp);
  if (fd < 0) {
    set_error(error, path, tr("data.file.cannot_write", {{"why", errno_text()}, {"tmp", tmp}}));
    return false;
  }
  bool ok = write_all(fd, content);
#if !defined(__EMSCRIPTEN__)
  // On the disk before it takes the old file's place. File systems that cannot sync (EINVAL)
  // have nothing to wait for; any other failure means the data may not be there.
  if (ok && fsync(fd) != 0 && errno != EINVAL) ok = false;
#endif
  int saved_errno = ok ? 0 : errno;
  if (close(fd) != 0 && ok) ok = false, saved_errno = errno;
  if (!ok) {
    errno = saved_errno;
    set_error(error, path, tr("data.file.write_failed", {{"why", errno_text()}}));
    unlink(tmp.c_str());
    return false;
  }
  if (!replace) {
    // link() never replaces: it fails with EEXIST when `path` is there, atomically.
    const bool linked = link(tmp.c_str(), path.c_str()) == 0;
    const int link_errno = errno;
    if (linked || link_errno == EEXIST) {
      unlink(tmp.c_str());
      if (!linked) set_error(error, path, text::T("reliability.file.exists"));
      return linked;
    }
    // (file systems without hard links: look, then rename)
    struct stat st {};
    if (lstat(path.c_str(), &st) == 0) {
      unlink(tmp.c_str());
      set_error(error, path, text::T("reliability.file.exists"));
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    set_error(error, path, tr("data.file.cannot_replace", {{"why", errno_text()}}));
    unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace nnlab
