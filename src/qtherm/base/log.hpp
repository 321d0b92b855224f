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
// A real number for messages: 6 significant digits ("4.9e-05", not std::to_string's "0.000049").
std::string format_number(double v, int digits = 6);
int size_of(MPI_Comm comm);

}  // namespace qtherm
