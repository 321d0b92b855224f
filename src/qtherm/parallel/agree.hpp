#pragma once
// Work that one rank does for all (file-system checks, writing the study file), with its outcome
// shared: if it throws, every rank throws the same exception, so no rank waits forever in a
// collective and bad input still ends with one line from rank 0.
#include <mpi.h>

#include <functional>

namespace qtherm::parallel {

// Collective on comm: runs `work` on rank 0 only; an InputError or any other exception there is
// rethrown on every rank (as InputError with the same fields, or as Error with the message).
void on_rank0(MPI_Comm comm, const std::function<void()>& work);

}  // namespace qtherm::parallel
