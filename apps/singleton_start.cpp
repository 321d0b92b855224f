// A qtherm started without mpiexec or srun is an MPI singleton, one process that talks only to
// itself, and Open MPI's defaults then cost about 0.4 s of start-up (`qtherm check` 0.54 -> 0.13 s
// on the project's machine): it forks a daemon in case the process spawns others, which qtherm
// never does (ess_singleton_isolated), and probes network transports it cannot use (pml ob1 picks
// shared memory and self at once). Nothing computed depends on either. Processes started by a
// launcher keep every default: there the transport matters.
#include "singleton_start.hpp"

#include <cstdlib>
#include <initializer_list>

void prefer_quick_singleton_start() {
  for (const char* launched : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "SLURM_PROCID"})
    if (std::getenv(launched)) return;
  setenv("OMPI_MCA_ess_singleton_isolated", "1", 0);  // 0: the user's own setting wins
  setenv("OMPI_MCA_pml", "ob1", 0);
}
