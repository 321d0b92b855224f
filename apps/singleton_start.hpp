#pragma once
// Open MPI settings for a qtherm started without a launcher (an MPI singleton): see the .cpp.

// Before MPI_Init. Sets only what the user has not set; a process started by mpiexec or srun is
// left alone.
void prefer_quick_singleton_start();
