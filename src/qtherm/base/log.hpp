#pragma once
// Printing from rank 0 of a communicator, and warnings that every user sees once.
#include <mpi.h>

#include <string>

namespace qtherm {

// Prints on rank 0 of `comm` only; not collective (other ranks return at once).
void print0(MPI_Comm comm, const std::string& text);
// "qtherm: warning: <text>" on stderr from rank 0 of `comm`.
void warn0(MPI_Comm comm, const std::string& text);
int rank_of(MPI_Comm comm);
int size_of(MPI_Comm comm);

}  // namespace qtherm
