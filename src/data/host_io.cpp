// The environment's answers for the data layer (see host_io.h).
#include "data/host_io.h"

namespace nnlab {
namespace {

HostIo& the_host_io() {
  static HostIo io;
  return io;
}

}  // namespace

void set_host_io(const HostIo& io) { the_host_io() = io; }
const HostIo& host_io() { return the_host_io(); }

}  // namespace nnlab
