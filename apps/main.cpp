// The qtherm command: run, check, models, describe. Everything after "--" goes to the
// PETSc/SLEPc options database. Bad input: one line on stderr and exit status 2.
#include <petscsys.h>
#include <slepcsys.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "qtherm/base/error.hpp"
#include "qtherm/base/io_error.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/base/interrupt.hpp"
#include "qtherm/base/version.hpp"
#include "qtherm/parallel/agree.hpp"
#include "qtherm/parallel/petsc_option_values.hpp"
#include "qtherm/parallel/runtime.hpp"
#include "qtherm/study/inspect.hpp"
#include "qtherm/study/merge.hpp"
#include "qtherm/study/resume.hpp"
#include "qtherm/study/study.hpp"
#include "json_output.hpp"
#include "singleton_start.hpp"

namespace {

const char* kUsage = R"(usage: qtherm <command> [arguments]

commands:
  run [CONFIG.ini] [--section.key=value ...] [--restart[=auto]] [-- PETSc/SLEPc options]
  run CHECKPOINT_DIR --restart [--section.key=value ...]
        run a study; without CONFIG.ini, the built-in default study (seed 002 Fig. 2, qubits);
        --restart continues from the checkpoint directory of an interrupted run; given that
        directory instead of CONFIG.ini, it needs nothing else (configuration, output path and
        PETSc options are stored there);
        --restart=auto does so if there is one and starts afresh otherwise (resubmitted jobs)
  merge OUT.h5 IN.h5 ... [--overwrite] [--allow-missing]
        combine the outputs of job-array tasks ([sweep] slice) into one study file; a set that
        lacks some of the study's points is refused unless --allow-missing
  inspect CHECKPOINT_DIR
        what an interrupted study's checkpoint directory (<output.file>.checkpoint) holds: finished
        points, how far each running point got and what remains
  check CONFIG.ini [--section.key=value ...] [--ranks=N]
        validate a configuration without running it, with the memory estimate per rank
        (at N ranks sharing this node; default: the ranks check runs on)
  models [--format json]
        list the models
  describe MODEL [--format json]
        every key (type, default, unit, meaning) and every output with its sign convention;
        --format json: the same as JSON, for programs (python/qtherm)
  --help, --version

Under MPI: mpiexec -n 4 qtherm run study.ini -- -ts_type rk -ts_rk_type 5bs
Exit status: 0 success, 2 bad input (one line on stderr), 1 failure during the run,
3 stopped by SIGTERM/SIGUSR1 after writing checkpoints (continue with --restart).
)";

struct Arguments {
  qtherm::study::Restart restart = qtherm::study::Restart::never;
  int ranks = 0;  // check: the rank count to estimate memory for (0: this job's)
  std::string file;
  std::vector<std::string> overrides;
  std::vector<std::string> petsc;
};

Arguments parse(int argc, char** argv, int first, bool allow_petsc) {
  Arguments a;
  for (int i = first; i < argc; ++i) {
    const std::string s = argv[i];
    if (s == "--") {
      if (!allow_petsc) throw qtherm::InputError("command line", "", "--", "PETSc options are only taken by 'run'");
      a.petsc.assign(argv + i + 1, argv + argc);
      break;
    }
    if ((s == "--restart" || s == "--restart=auto") && allow_petsc) {
      a.restart = s == "--restart" ? qtherm::study::Restart::always : qtherm::study::Restart::if_checkpoint;
      continue;
    }
    if (s.rfind("--restart=", 0) == 0)
      throw qtherm::InputError("command line", "", "--restart",
                               "expected --restart or --restart=auto, got '" + s + "'");
    if (s.rfind("--ranks=", 0) == 0 && !allow_petsc) {
      long r = 0;
      try {
        r = qtherm::parse_integer(s.substr(8));
      } catch (const std::invalid_argument&) {
      }
      if (r < 1 || r > 10000000)
        throw qtherm::InputError("command line", "", "--ranks",
                                 "expected a positive rank count, got '" + s.substr(8) + "'");
      a.ranks = static_cast<int>(r);
      continue;
    }
    if (s.rfind("--", 0) == 0) {
      if (s.find('=') == std::string::npos || s.find('.') == std::string::npos)
        throw qtherm::InputError("command line", "", s, "expected --section.key=value (see qtherm --help)");
      a.overrides.push_back(s);
    } else if (a.file.empty()) {
      a.file = s;
    } else {
      throw qtherm::InputError("command line", "", s, "only one configuration file may be given");
    }
  }
  return a;
}

// The arguments of `models` and `describe`: names, and --format text|json (json for programs).
struct Listing {
  std::vector<std::string> names;
  bool json = false;
};

Listing listing(int argc, char** argv, const std::string& command) {
  Listing l;
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    if (s != "--format" && s.rfind("--format=", 0) != 0) {
      if (s.rfind("--", 0) == 0)
        throw qtherm::InputError("command line", "", s, "unknown option of '" + command + "' (only --format)");
      l.names.push_back(s);
      continue;
    }
    if (s == "--format") {
      if (i + 1 == argc) throw qtherm::InputError("command line", "", "--format", "expected text or json");
      s = argv[++i];
    } else {
      s = s.substr(9);
    }
    if (s != "text" && s != "json")
      throw qtherm::InputError("command line", "", "--format", "expected text or json, got '" + s + "'");
    l.json = s == "json";
  }
  return l;
}

int error_line(const std::string& what, int status) {
  std::fprintf(stderr, "qtherm: error: %s\n", what.c_str());
  return status;
}

// Runs `body` with MPI/PETSc/SLEPc up. Bad input is the same on every rank (every rank reads the
// same files), so the job ends cleanly with one line from rank 0; any other failure may be on one
// rank only and ends the whole job.
int with_runtime(const std::vector<std::string>& petsc_options, const std::function<int()>& body) {
  prefer_quick_singleton_start();
  qtherm::parallel::Runtime runtime(petsc_options);
  int rank = 0, size = 1;
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
  MPI_Comm_size(PETSC_COMM_WORLD, &size);
  try {
    return body();
  } catch (const qtherm::InputError& e) {
    return rank == 0 ? error_line(e.what(), 2) : 2;
  } catch (const qtherm::IoError& e) {
    // A file that could not be written: one line and exit 1; every rank has it when rank 0 decided.
    // HDF5 still holds the file whose close failed and would crash closing it again in MPI_Finalize
    // (its cleanup hangs on MPI_COMM_SELF): end here, after the line, without HDF5's cleanup.
    if (e.agreed() || size == 1) {
      if (rank == 0) error_line(e.what(), 1);
      std::fflush(stdout);
      std::fflush(stderr);
      if (size > 1) MPI_Barrier(PETSC_COMM_WORLD);
      std::_Exit(1);
    }
    error_line(e.what(), 1);
    MPI_Abort(PETSC_COMM_WORLD, 1);
    return 1;
  } catch (const std::exception& e) {
    error_line(e.what(), 1);
    if (size > 1) MPI_Abort(PETSC_COMM_WORLD, 1);
    return 1;
  }
}

// This job's ranks, and how many of them share this node's memory (collective on world).
qtherm::study::RankLayout rank_layout(MPI_Comm world, int ranks) {
  qtherm::study::RankLayout l;
  MPI_Comm_size(world, &l.ranks);
  MPI_Comm node = MPI_COMM_NULL;
  MPI_Comm_split_type(world, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &l.ranks_on_node);
  MPI_Comm_free(&node);
  // check --ranks=N: N ranks on nodes like this one, as many per node as it has cores.
  if (ranks > 0)
    l.ranks = ranks, l.ranks_on_node = static_cast<int>(std::min<long>(ranks, sysconf(_SC_NPROCESSORS_ONLN)));
  return l;
}

// PETSc/SLEPc options the options database knows to exist, for the nearest-name hint.
const std::vector<std::string> kKnownOptions = {"-ts_type",
                                                "-ts_rk_type",
                                                "-ts_adapt_type",
                                                "-ts_rtol",
                                                "-ts_atol",
                                                "-ts_dt",
                                                "-ts_max_steps",
                                                "-ts_max_time",
                                                "-ts_monitor",
                                                "-ts_adapt_monitor",
                                                "-ts_exact_final_time",
                                                "-ts_arkimex_type",
                                                "-ts_max_snes_failures",
                                                "-ksp_type",
                                                "-pc_type",
                                                "-ksp_rtol",
                                                "-ksp_monitor",
                                                "-ksp_view",
                                                "-steady_ksp_type",
                                                "-steady_pc_type",
                                                "-steady_pc_factor_mat_solver_type",
                                                "-steady_ksp_rtol",
                                                "-steady_ksp_monitor",
                                                "-mfn_type",
                                                "-mfn_tol",
                                                "-mfn_ncv",
                                                "-mfn_max_it",
                                                "-mfn_monitor",
                                                "-eps_type",
                                                "-eps_nev",
                                                "-eps_ncv",
                                                "-eps_tol",
                                                "-eps_monitor",
                                                "-log_view",
                                                "-malloc_debug",
                                                "-options_left",
                                                "-help",
                                                "-info",
                                                "-vec_type",
                                                "-mat_type"};

// Collective (every rank sees the same database): a PETSc/SLEPc option given but never read is a
// typo or an option of another route; refused once the run is done (its output is written).
void refuse_unused_petsc_options() {
  const auto unused = qtherm::parallel::Runtime::unused_options();
  if (unused.empty()) return;
  std::string list, hint;
  for (const auto& o : unused) {
    list += (list.empty() ? "" : ", ") + o;
    const std::string near = qtherm::nearest(o, kKnownOptions);
    if (hint.empty() && !near.empty() && near != o) hint = "; did you mean '" + near + "' (for " + o + ")?";
  }
  throw qtherm::InputError("command line", "", unused.front(),
                           "PETSc/SLEPc option(s) given but never used: " + list + hint +
                               " (the run finished and its output is written; remove the option or fix its name)");
}

int run(int argc, char** argv) {
  Arguments a = parse(argc, argv, 2, true);
  if (a.restart != qtherm::study::Restart::never && qtherm::study::is_work_directory(a.file)) {
    // `run CHECKPOINT_DIR --restart`: the stored command, then what is given now (a later override wins).
    auto stored = qtherm::study::stored_command(a.file);
    a.file = stored.file;
    a.overrides.insert(a.overrides.begin(), stored.overrides.begin(), stored.overrides.end());
    if (a.petsc.empty()) a.petsc = stored.petsc;
  }
  qtherm::install_interrupt_handlers();  // SLURM's warning signals checkpoint instead of killing
  return with_runtime(a.petsc, [&] {
    qtherm::parallel::check_petsc_option_values();  // -ts_type nonsense: one line now, not an error code later
    auto prepared = qtherm::study::prepare(a.file, a.overrides, rank_layout(PETSC_COMM_WORLD, 0));
    prepared.petsc = a.petsc;
    const int status = qtherm::study::run(PETSC_COMM_WORLD, prepared, a.restart);
    if (status == 0) refuse_unused_petsc_options();
    return status;
  });
}

int check(int argc, char** argv) {
  const Arguments a = parse(argc, argv, 2, false);
  if (a.file.empty()) throw qtherm::InputError("command line", "", "check", "expected a configuration file");
  return with_runtime({}, [&] {
    const auto p = qtherm::study::prepare(a.file, a.overrides, rank_layout(PETSC_COMM_WORLD, a.ranks));
    int rank = 0;
    MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
    if (rank == 0)
      std::printf("%s: valid configuration for model %s (%zu point(s))\n%s\n", a.file.c_str(), p.model->name().c_str(),
                  p.points.size(), qtherm::study::describe_verdict(p.memory).c_str());
    return 0;
  });
}

int merge(int argc, char** argv) {
  std::vector<std::string> files;
  bool overwrite = false, allow_missing = false;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--overwrite")
      overwrite = true;
    else if (std::string(argv[i]) == "--allow-missing")
      allow_missing = true;
    else
      files.emplace_back(argv[i]);
  }
  if (files.size() < 2)
    throw qtherm::InputError("command line", "", "merge", "expected OUT.h5 and at least one input file");
  return with_runtime({}, [&] {
    int rank = 0;
    MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
    qtherm::parallel::on_rank0(PETSC_COMM_WORLD, [&] {
      qtherm::study::merge_files(files.front(), {files.begin() + 1, files.end()}, overwrite, allow_missing);
      std::printf("wrote %s from %zu file(s)\n", files.front().c_str(), files.size() - 1);
    });
    return 0;
  });
}

// `qtherm VERB --help`: the usage lines of that verb (everything before "--" is looked at).
bool wants_help(int argc, char** argv) {
  for (int i = 2; i < argc; ++i) {
    const std::string s = argv[i];
    if (s == "--") return false;
    if (s == "--help" || s == "-h") return true;
  }
  return false;
}

std::string verb_usage(const std::string& verb) {
  const std::string all = kUsage;
  const size_t at = all.find("\n  " + verb + " ");
  const size_t at_bare = all.find("\n  " + verb + "\n");
  const size_t start = at != std::string::npos ? at : at_bare;
  if (start == std::string::npos) return all;
  size_t end = all.find("\n  ", start + 1);
  while (end != std::string::npos && all.compare(end, 4, "\n   ") == 0) end = all.find("\n  ", end + 1);
  std::string text = "usage: qtherm" + all.substr(start + 2, (end == std::string::npos ? all.size() : end) - start - 2);
  return text + "\n\nExit status: 0 success, 2 bad input (one line on stderr), 1 failure during the run.\n";
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (cmd == "--version") {
    std::printf("qtherm %s (git %s), built with PETSc %d.%d.%d and SLEPc %d.%d.%d\n", qtherm::version,
                qtherm::git_revision, PETSC_VERSION_MAJOR, PETSC_VERSION_MINOR, PETSC_VERSION_SUBMINOR,
                SLEPC_VERSION_MAJOR, SLEPC_VERSION_MINOR, SLEPC_VERSION_SUBMINOR);
    return 0;
  }
  if ((cmd == "run" || cmd == "check" || cmd == "merge" || cmd == "models" || cmd == "describe") &&
      wants_help(argc, argv)) {
    std::fputs(verb_usage(cmd).c_str(), stdout);
    return 0;
  }
  if (cmd == "run") return run(argc, argv);
  if (cmd == "models") {
    const Listing l = listing(argc, argv, "models");
    if (!l.names.empty())
      throw qtherm::InputError("command line", "", "models",
                               "takes no argument but --format, got '" + l.names[0] + "'");
    if (l.json) {
      std::fputs(qtherm::app::models_json().c_str(), stdout);
      return 0;
    }
    for (const auto& m : qtherm::models::registry()) std::printf("%-18s %s\n", m->name().c_str(), m->summary().c_str());
    return 0;
  }
  if (cmd == "describe") {
    const Listing l = listing(argc, argv, "describe");
    if (l.names.size() != 1)
      throw qtherm::InputError("command line", "", "describe",
                               "expected one model name: " + qtherm::study::list_models());
    const std::string& name = l.names[0];
    const auto* m = qtherm::models::find_model(name);
    if (!m) {
      const std::string near = qtherm::io::nearest(name, qtherm::models::model_names());
      throw qtherm::InputError(
          "command line", "", "describe",
          "unknown model '" + name + "'" +
              (near.empty() ? "; models: " + qtherm::study::list_models() : "; did you mean '" + near + "'?"));
    }
    std::fputs((l.json ? qtherm::app::describe_json(*m) : qtherm::study::describe(*m)).c_str(), stdout);
    return 0;
  }
  if (cmd == "check") return check(argc, argv);
  if (cmd == "merge") return merge(argc, argv);
  if (cmd == "inspect") {
    if (argc != 3) throw qtherm::InputError("command line", "", "inspect", "expected one checkpoint directory");
    std::fputs(qtherm::study::inspect(argv[2]).c_str(), stdout);
    return 0;
  }
  const std::string near = qtherm::io::nearest(cmd, {"run", "check", "models", "describe", "merge", "inspect"});
  throw qtherm::InputError(
      "command line", "", cmd,
      "unknown command" + (near.empty() ? std::string() : "; did you mean '" + near + "'?") + " (see qtherm --help)");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const qtherm::InputError& e) {
    return error_line(e.what(), 2);
  } catch (const std::exception& e) {
    return error_line(e.what(), 1);
  }
}
