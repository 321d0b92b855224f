#pragma once
// Memory of this process, for run summaries and up-front size checks.
#include <mpi.h>

#include <cstddef>

namespace qtherm {

// Not collective: the peak resident set size of this process so far, in bytes.
double peak_resident_bytes();
// Collective on comm: the sum of every rank's peak resident set size, in bytes.
double total_peak_resident_bytes(MPI_Comm comm);
// Not collective: the resident set size of this process now, in bytes (0 where unknown).
double resident_bytes();
// Not collective: the memory this process may use: the cgroup limit if one is set, else physical memory.
double available_memory_bytes();

}  // namespace qtherm
