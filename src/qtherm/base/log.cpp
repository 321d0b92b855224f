#include "qtherm/base/log.hpp"

#include <cstdio>

#include "qtherm/base/check.hpp"

namespace qtherm {

int rank_of(MPI_Comm comm) {
  int r = 0;
  QTHERM_MPI(MPI_Comm_rank(comm, &r));
  return r;
}

int size_of(MPI_Comm comm) {
  int s = 0;
  QTHERM_MPI(MPI_Comm_size(comm, &s));
  return s;
}

std::string format_number(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

void print0(MPI_Comm comm, const std::string& text) {
  if (rank_of(comm) != 0) return;
  std::fputs(text.c_str(), stdout);
  if (text.empty() || text.back() != '\n') std::fputc('\n', stdout);
  std::fflush(stdout);
}

void warn0(MPI_Comm comm, const std::string& text) {
  if (rank_of(comm) != 0) return;
  std::fprintf(stderr, "qtherm: warning: %s\n", text.c_str());
  std::fflush(stderr);
}

}  // namespace qtherm
