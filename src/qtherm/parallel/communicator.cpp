#include "qtherm/parallel/communicator.hpp"

#include <string>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"

namespace qtherm::parallel {

Groups split_into_groups(MPI_Comm world, int count) {
  int rank = 0, size = 1;
  QTHERM_MPI(MPI_Comm_rank(world, &rank));
  QTHERM_MPI(MPI_Comm_size(world, &size));
  if (count < 1 || count > size)
    throw Error("cannot split " + std::to_string(size) + " ranks into " + std::to_string(count) + " groups");
  Groups g;
  g.count = count;
  g.group = rank % count;
  MPI_Comm c = MPI_COMM_NULL;
  QTHERM_MPI(MPI_Comm_split(world, g.group, rank, &c));
  g.comm = Communicator(c);
  return g;
}

}  // namespace qtherm::parallel
