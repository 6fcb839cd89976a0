// A flat little-endian byte message: the lab's commands to, and snapshots from, a trainer that
// runs elsewhere (the page's Web Worker). Both ends are the same code on the same kind of
// machine, so values travel as their bytes (floats bit-exact). A short message makes the reader
// fail, never read past the end; what the values mean is checked by the message's field list
// (wire.cpp), never trusted because both ends are ours.
#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace nnlab::lab {

class ByteWriter {
 public:
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T>  // a count, then the values (read back by ByteReader::get_vector)
  void put_span(std::span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T>);
    put(uint32_t(v.size()));
    if (!v.empty()) bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void put_string(std::string_view s) {
    put(uint32_t(s.size()));
    bytes_.append(s);
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : rest_(bytes) {}
  template <class T>
  bool get(T* v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!ok_ || rest_.size() < sizeof(T)) return ok_ = false;
    std::memcpy(v, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return true;
  }
  // A count, then that many values; at most `max_count` (more fails before anything is allocated).
  template <class T>
  bool get_vector(std::vector<T>* v, uint32_t max_count) {
    uint32_t n = 0;
    if (!get(&n) || n > max_count || rest_.size() / sizeof(T) < n) return ok_ = false;
    v->resize(n);
    if (n > 0) std::memcpy(v->data(), rest_.data(), size_t(n) * sizeof(T));
    rest_.remove_prefix(size_t(n) * sizeof(T));
    return true;
  }
  bool get_string(std::string* s, uint32_t max_bytes) {
    uint32_t n = 0;
    if (!get(&n) || n > max_bytes || rest_.size() < n) return ok_ = false;
    s->assign(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return true;
  }
  bool ok() const { return ok_; }
  bool done() const { return ok_ && rest_.empty(); }  // read exactly everything

 private:
  std::string_view rest_;
  bool ok_ = true;
};

}  // namespace nnlab::lab
