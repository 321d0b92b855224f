#pragma once
// A barrier that waits without spinning. OpenMPI busy-polls inside blocking collectives, so a rank
// that has finished its share of uneven serial work (one dense sector on one rank, the others idle)
// keeps a core busy until the slowest rank arrives; on a shared or oversubscribed machine that
// core is taken from the rank still working. Here the waiting ranks poll a non-blocking barrier
// and sleep between polls.
#include <mpi.h>

namespace qtherm::parallel {

// Collective on comm: returns once every rank has called it; sleeps `poll_us` microseconds between
// tests (the latency it adds is at most that).
void quiet_barrier(MPI_Comm comm, long poll_us = 1000);

}  // namespace qtherm::parallel
