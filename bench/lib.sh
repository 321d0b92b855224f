# Sourced by the benchmark scripts: the peer's Python package and the processes' environment.

# Installs Debian's python3-qutip (QuTiP 4.7) when /usr/bin/python3 cannot import it.
need_qutip() {
  /usr/bin/python3 -c 'import qutip' 2> /dev/null && return 0
  echo "installing python3-qutip (Debian) ..."
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y python3-qutip > /dev/null; else sudo apt-get install -y python3-qutip > /dev/null; fi
}

# MPI as root and oversubscribed, single-threaded BLAS and OpenMP on both sides, and a work
# directory ($work, the current directory from here on) removed at exit.
bench_environment() {
  if [ "$(id -u)" -eq 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
  export OMPI_MCA_rmaps_base_oversubscribe=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cd "$work"
}
