"""Imported before torch and numpy by the tuning scripts: Debian's torch multiplies in OpenBLAS, which starts a thread
per core whatever torch.set_num_threads says, so two runs side by side thrash two cores (README.md beside this file).
OpenBLAS reads its thread count when it loads, so it is set here from the script's --threads (unless already set)."""
import os, sys

os.environ.setdefault('OPENBLAS_NUM_THREADS', sys.argv[sys.argv.index('--threads') + 1] if '--threads' in sys.argv[:-1] else '2')
