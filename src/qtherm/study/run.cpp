// Running a study: points in groups of ranks, a work directory of checkpoints and finished points,
// restart, and the final file. Declared in study.hpp (run).
#include <filesystem>
#include <optional>
#include <mpi.h>

#include "qtherm/base/check.hpp"
#include "qtherm/base/error.hpp"
#include "qtherm/base/interrupt.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/parse.hpp"
#include "qtherm/base/progress.hpp"
#include "qtherm/base/version.hpp"
#include "qtherm/io/file_lock.hpp"
#include "qtherm/io/hdf5_reader.hpp"
#include "qtherm/io/hdf5_writer.hpp"
#include "qtherm/models/declared_outputs.hpp"
#include "qtherm/parallel/agree.hpp"
#include "qtherm/parallel/communicator.hpp"
#include "qtherm/parallel/runtime.hpp"
#include "qtherm/study/merge.hpp"
#include "qtherm/study/physics.hpp"
#include "qtherm/study/resume.hpp"
#include "qtherm/study/study.hpp"
#include "qtherm/study/study_keys.hpp"
#include "qtherm/study/summary.hpp"
#include "qtherm/study/sweep.hpp"
#include "qtherm/study/work_directory.hpp"

namespace qtherm::study {
namespace fs = std::filesystem;
namespace {

struct Layout {
  std::string out, dir, manifest;
  std::string physics, hash;
  long first = 0, last = 0;  // this task's points [first, last)
  std::string lock_file() const { return work_directory::lock(dir); }
  std::string point_file(long k) const { return work_directory::point_file(dir, k); }
  std::string state_file(long k) const { return work_directory::state_file(dir, k); }
};

Layout layout_of(const Prepared& p) {
  const auto& c = p.config;
  Layout l;
  const auto keys = io::read<StudyKeys>(c);
  l.out = keys.output_file;
  l.dir = keys.checkpoint_directory();
  l.manifest = work_directory::manifest(l.dir);
  l.physics = physics_text(c);
  l.hash = physics_hash(l.physics);
  std::tie(l.first, l.last) = parse_slice(c, static_cast<long>(p.points.size()));
  return l;
}

// Rank 0: refuses what would lose or mix results, creates or checks the work directory and locks
// it for this run (a second run on the same output is refused, naming the first).
io::FileLock prepare_work_directory(const Prepared& p, const Layout& l, bool restart) {
  const auto& c = p.config;
  const auto in_use = [&](const std::string& who) {
    return c.error("checkpoint", "dir",
                   "'" + l.dir + "' is in use by a running qtherm (" + who +
                       "): wait for it to end, or write elsewhere (--output.file)");
  };
  if (const std::string who = io::FileLock::holder(l.lock_file()); !who.empty()) throw in_use(who);
  const auto lock = [&] {
    io::FileLock held(l.lock_file());
    if (held.busy()) throw in_use(io::FileLock::holder(l.lock_file()));
    return held;
  };
  if (fs::exists(l.out) && !io::read<StudyKeys>(c).overwrite)
    throw c.error("output", "file",
                  "'" + l.out + "' exists; choose another --output.file or set --output.overwrite=true");
  if (restart) {
    if (!fs::exists(l.manifest))
      throw c.error("checkpoint", "dir", "nothing to restart: no checkpoint in '" + l.dir + "'");
    io::InputFile m(l.manifest);
    if (m.string_attribute("/", "physics_hash") != l.hash)
      throw InputError(p.source.empty() ? "command line" : p.source, "", "",
                       "restart refused: the checkpoint in '" + l.dir + "' was written for different physics (" +
                           physics_difference(l.physics, m.string_attribute("/", "physics")) +
                           "); restore the configuration or start afresh without --restart after removing '" + l.dir +
                           "'");
    return lock();
  }
  if (fs::exists(l.dir))
    throw c.error("checkpoint", "dir",
                  "'" + l.dir +
                      "' holds checkpoints of an earlier, unfinished run: continue it with "
                      "--restart, or remove the directory to start afresh");
  std::error_code ec;
  fs::create_directories(l.dir, ec);
  if (ec) throw c.error("checkpoint", "dir", "cannot create '" + l.dir + "': " + ec.message());
  io::FileLock held = lock();
  io::OutputFile m(MPI_COMM_SELF, l.manifest, true);
  m.set_attribute("physics_hash", l.hash);
  m.set_attribute("physics", l.physics);
  m.set_attribute("points", static_cast<long>(p.points.size()));
  store_command(l.dir, c, p.petsc, m);
  m.commit();
  return held;
}

// A counter of finished points on rank 0, for overall progress lines from any group.
class DoneCounter {
 public:
  explicit DoneCounter(MPI_Comm world) {
    const MPI_Aint size = rank_of(world) == 0 ? sizeof(long) : 0;
    QTHERM_MPI(MPI_Win_allocate(size, sizeof(long), MPI_INFO_NULL, world, &count_, &win_));
    if (size) *count_ = 0;
    QTHERM_MPI(MPI_Barrier(world));
  }
  ~DoneCounter() { MPI_Win_free(&win_); }  // collective; every rank reaches it
  long increment() {
    const long one = 1;
    long before = 0;
    QTHERM_MPI(MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, win_));
    QTHERM_MPI(MPI_Fetch_and_op(&one, &before, MPI_LONG, 0, 0, MPI_SUM, win_));
    QTHERM_MPI(MPI_Win_unlock(0, win_));
    return before + 1;
  }

 private:
  long* count_ = nullptr;
  MPI_Win win_ = MPI_WIN_NULL;
};

std::vector<std::pair<std::string, io::AttrValue>> model_parameters(const Point& point, const io::Schema& schema) {
  std::vector<std::pair<std::string, io::AttrValue>> out;
  for (const auto& spec : schema.keys()) {
    if (spec.section != "model" || !point.config.has("model", spec.key)) continue;
    const std::string& text = point.config.text("model", spec.key);
    try {
      out.emplace_back(spec.key, parse_real(text));
    } catch (const std::invalid_argument&) {
      out.emplace_back(spec.key, text);
    }
  }
  // Swept keys of other sections are parameters of the point too.
  for (const auto& [name, value] : point.swept)
    if (name.rfind("model.", 0) != 0) out.emplace_back(name, value);
  return out;
}

// Removes a work directory that holds nothing but its manifest when a run fails before any point
// finished or checkpointed: nothing is lost, and the next run need not be told to --restart.
class WorkDirectoryGuard {
 public:
  WorkDirectoryGuard(MPI_Comm world, const Layout& l) : rank0_(rank_of(world) == 0), l_(l) {}
  ~WorkDirectoryGuard() {
    if (!rank0_ || done_) return;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(l_.dir, ec))
      if (e.path() != fs::path(l_.manifest) && e.path() != fs::path(l_.lock_file()) &&
          e.path() != fs::path(work_directory::configuration(l_.dir)))
        return;
    fs::remove_all(l_.dir, ec);
  }
  void done() { done_ = true; }

 private:
  bool rank0_;
  const Layout& l_;
  bool done_ = false;
};

}  // namespace

int run(MPI_Comm world, const Prepared& p, Restart mode) {
  const auto& c = p.config;
  const int ranks = size_of(world);
  const Layout l = layout_of(p);
  int has_checkpoint = rank_of(world) == 0 && fs::exists(l.manifest) ? 1 : 0;
  QTHERM_MPI(MPI_Bcast(&has_checkpoint, 1, MPI_INT, 0, world));
  const bool restart = mode == Restart::always || (mode == Restart::if_checkpoint && has_checkpoint);
  const long n = l.last - l.first;
  if (p.is_default)
    print0(world, "qtherm: no configuration file given: running the built-in default study (" + p.model->name() +
                      " at its default parameters and any overrides given)");
  print0(world, "qtherm " + std::string(version) + " (" + git_revision + "), " + std::to_string(ranks) +
                    " MPI rank(s)\n" + c.to_ini());
  print0(world, describe_verdict(p.memory));
  if (!p.skipped.empty()) {
    std::string list;
    for (size_t k = 0; k < p.skipped.size() && k < 5; ++k) list += "\n  " + p.skipped[k];
    print0(world, "qtherm: [sweep] skip_invalid: " + std::to_string(p.skipped.size()) + " grid point(s) left out" +
                      list + (p.skipped.size() > 5 ? "\n  ..." : ""));
  }
  if (mode == Restart::if_checkpoint)
    print0(world, has_checkpoint ? "qtherm: --restart=auto: continuing from the checkpoint in '" + l.dir + "'"
                                 : "qtherm: --restart=auto: no checkpoint in '" + l.dir + "', starting afresh");
  std::optional<io::FileLock> lock;  // rank 0, until the run ends
  parallel::on_rank0(world, [&] { lock.emplace(prepare_work_directory(p, l, restart)); });
  WorkDirectoryGuard guard(world, l);

  const auto keys = io::read<StudyKeys>(c);
  long groups = keys.groups;
  if (groups == 0) groups = std::max(1L, std::min<long>(ranks, n));
  if (groups > ranks)
    throw c.error(
        "sweep", "groups",
        std::to_string(groups) + " groups need at least as many MPI ranks; the job has " + std::to_string(ranks));
  if (n > 1 || groups > 1)
    print0(world, "study: " + std::to_string(n) + " point(s) in " + std::to_string(groups) + " group(s) of ranks");
  parallel::Groups g = parallel::split_into_groups(world, static_cast<int>(groups));
  const io::Schema schema = schema_for(*p.model);
  DoneCounter done(world);
  Progress clock(world, "study", 0, 1, 0);

  int interrupted = 0;
  for (long k = l.first + g.group; k < l.last; k += groups) {
    const Point& point = p.points[k];
    int stop = interrupt_requested() ? 1 : 0;  // agree before starting a point
    QTHERM_MPI(MPI_Allreduce(MPI_IN_PLACE, &stop, 1, MPI_INT, MPI_MAX, g.comm));
    if (stop) {
      interrupted = 1;
      break;
    }
    if (restart && fs::exists(l.point_file(k))) {
      print0(g.comm, point.label + ": finished in an earlier run");
      continue;
    }
    models::RunContext ctx;
    ctx.point = k;
    ctx.label = n > 1 ? point.label : p.model->name();
    ctx.checkpoint_path = l.state_file(k);
    ctx.resume = restart && fs::exists(l.state_file(k));
    ctx.every_time = keys.every_time;
    ctx.every_seconds = keys.every_seconds;
    ctx.physics_hash = l.hash;
    const double started = MPI_Wtime();
    io::RunRecord rec = p.model->run(g.comm, point.config, ctx);
    if (ctx.interrupted) {
      interrupted = 1;
      break;
    }
    models::check_declared_outputs(*p.model, rec);
    rec.parameters = model_parameters(point, schema);
    io::OutputFile f(g.comm, l.point_file(k), true);
    f.write_run(k, rec);
    f.commit();
    if (rank_of(g.comm) == 0) {
      std::error_code ec;
      fs::remove(l.state_file(k), ec);  // superseded by the finished point
      const long d = done.increment();
      const double wall = clock.elapsed_seconds();
      if (n > 1)
        print0(g.comm, point.label + ": done in " + format_duration(MPI_Wtime() - started) + "; " + std::to_string(d) +
                           " of " + std::to_string(n) + " points done, ~" + format_duration(wall * (n - d) / d) +
                           " left");
    }
  }
  QTHERM_MPI(MPI_Allreduce(MPI_IN_PLACE, &interrupted, 1, MPI_INT, MPI_MAX, world));
  if (interrupted) {
    // The whole command line (overrides and PETSc options included): followed literally, it resumes.
    auto quote = [](const std::string& a) {
      if (a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.=/,:+") ==
          std::string::npos)
        return a;
      std::string q = "'";
      for (char ch : a) q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
      return q + "'";
    };
    std::string command = "qtherm run";
    if (!p.source.empty()) command += " " + quote(p.source);
    for (const auto& o : p.overrides) command += " " + quote(o);
    command += " --restart";
    if (!p.petsc.empty()) {
      command += " --";
      for (const auto& o : p.petsc) command += " " + quote(o);
    }
    print0(world, "qtherm: stopped by signal " + std::to_string(interrupt_signal()) +
                      " after writing checkpoints to '" + l.dir + "'; continue with: " + command + " (or: qtherm run " +
                      quote(l.dir) + " --restart)");
    guard.done();
    return exit_interrupted;
  }

  guard.done();
  parallel::on_rank0(world, [&] {
    std::vector<std::pair<long, std::string>> runs;
    for (long k = l.first; k < l.last; ++k) runs.emplace_back(k, l.point_file(k));
    const Attributes attrs = {{"qtherm_version", std::string(version)},
                              {"git_revision", std::string(git_revision)},
                              {"model", p.model->name()},
                              {"config", c.to_ini()},
                              {"mpi_ranks", static_cast<long>(ranks)},
                              {"petsc_version", parallel::Runtime::petsc_version()},
                              {"slepc_version", parallel::Runtime::slepc_version()},
                              {"created_utc", io::OutputFile::utc_now_iso8601()},
                              {"physics_hash", l.hash},
                              {"study_points", static_cast<long>(p.points.size())},  // all slices together
                              {"memory_estimate_bytes", p.memory.estimate},
                              {"memory_limit_bytes", p.memory.limit}};
    const auto records = write_study_file(l.out, keys.overwrite, attrs, runs);
    if (!keys.keep_checkpoints) fs::remove_all(l.dir);
    std::vector<std::string> labels;
    for (long k = l.first; k < l.last; ++k) labels.push_back(p.points[k].label);
    print0(MPI_COMM_SELF, records.size() == 1
                              ? summary_table(p.model->name(), records.front(), clock.elapsed_seconds(), l.out)
                              : sweep_table(labels, records, clock.elapsed_seconds(), l.out));
  });
  return 0;
}

}  // namespace qtherm::study
