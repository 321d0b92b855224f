#pragma once
// SIGTERM and SIGUSR1 (what SLURM sends before a job's time limit) request a checkpoint and a
// clean stop instead of killing the run. The handler only sets a flag; long loops poll it and
// agree across ranks before acting.
namespace qtherm {

// Exit status of a run stopped by such a signal after writing its checkpoint.
inline constexpr int exit_interrupted = 3;

void install_interrupt_handlers();
bool interrupt_requested();
// The signal number that requested it (0 if none), for the message.
int interrupt_signal();
// For tests: request or clear as if a signal had arrived.
void request_interrupt(int signal_number);
void clear_interrupt();

}  // namespace qtherm
