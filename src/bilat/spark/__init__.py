"""Beyond one machine: run ``extract`` with PySpark and load its Parquet into a store.

``pip install bilat[spark]`` brings pyspark; :func:`run_job` needs it, :func:`load_output`
does not.
"""

from __future__ import annotations

from bilat.spark.job import KINDS, JobReport, input_format, partition_rows, run_job
from bilat.spark.load import LoadReport, load_output

__all__ = [
    "KINDS",
    "JobReport",
    "LoadReport",
    "input_format",
    "load_output",
    "partition_rows",
    "run_job",
]
