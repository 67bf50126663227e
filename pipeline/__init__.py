"""boilerstrip: strip boilerplate from scraped news pages (plain library, no Prefect)."""
import os

# The block models multiply small matrices per document; BLAS thread pools
# only add contention there. Measured on 2 cores: 3,000 pages took 39 s with
# the default pools and 25 s with one thread (and 2 worker processes lost half
# their speed to the pools). Set before numpy loads; a user's own setting wins.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
