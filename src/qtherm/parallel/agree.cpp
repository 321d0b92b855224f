#include "qtherm/parallel/agree.hpp"

#include <string>
#include <vector>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/io_error.hpp"

namespace qtherm::parallel {

void on_rank0(MPI_Comm comm, const std::function<void()>& work) {
  int rank = 0;
  QTHERM_MPI(MPI_Comm_rank(comm, &rank));
  // Outcome as text: "" (success), "I" + fields separated by \x1f (InputError), "E" + message.
  std::string outcome;
  if (rank == 0) {
    try {
      work();
    } catch (const InputError& e) {
      outcome = "I" + e.file() + '\x1f' + e.section() + '\x1f' + e.key() + '\x1f' + e.reason();
    } catch (const IoError& e) {
      outcome = std::string("O") + e.what();
    } catch (const std::exception& e) {
      outcome = std::string("E") + e.what();
    }
  }
  int n = static_cast<int>(outcome.size());
  QTHERM_MPI(MPI_Bcast(&n, 1, MPI_INT, 0, comm));
  outcome.resize(n);
  if (n > 0) QTHERM_MPI(MPI_Bcast(outcome.data(), n, MPI_CHAR, 0, comm));
  if (outcome.empty()) return;
  if (outcome[0] == 'E') throw Error(outcome.substr(1));
  if (outcome[0] == 'O') throw IoError(outcome.substr(1), true);
  std::vector<std::string> f(1);
  for (char c : outcome.substr(1)) {
    if (c == '\x1f')
      f.emplace_back();
    else
      f.back() += c;
  }
  f.resize(4);
  throw InputError(f[0], f[1], f[2], f[3]);
}

}  // namespace qtherm::parallel
