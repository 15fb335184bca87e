"""Peer for `npm run bench:decode -- --peer pydicom`: the same series read with pydicom + numpy into an int16 HU volume.

Reads every .dcm file in a folder (pydicom.dcmread), orders the slices along the normal of ImageOrientationPatient,
and writes round(stored * RescaleSlope + RescaleIntercept) into one preallocated (slices, rows, columns) int16 array,
the idiomatic way (numpy, no float where slope is 1). No padding mapping (the QRM files have no PixelPaddingValue).
Prints one JSON line: seconds per run, the voxel sum of the volume (to compare with ours), and versions.

    python3 scripts/peers/pydicom_read_volume.py FOLDER RUNS
"""

import glob
import json
import os
import sys
import time

import numpy as np
import pydicom


def read_volume(folder: str) -> np.ndarray:
    datasets = [pydicom.dcmread(path) for path in sorted(glob.glob(os.path.join(folder, "*.dcm")))]
    orientation = np.array(datasets[0].ImageOrientationPatient, dtype=float)
    normal = np.cross(orientation[:3], orientation[3:])
    datasets.sort(key=lambda ds: float(np.dot(normal, np.array(ds.ImagePositionPatient, dtype=float))))
    first = datasets[0]
    volume = np.empty((len(datasets), first.Rows, first.Columns), dtype=np.int16)
    for z, ds in enumerate(datasets):
        stored = ds.pixel_array
        slope = float(getattr(ds, "RescaleSlope", 1))
        intercept = float(getattr(ds, "RescaleIntercept", 0))
        if slope == 1 and intercept.is_integer():
            np.add(stored, np.int32(intercept), out=volume[z], casting="unsafe")
        else:
            volume[z] = np.clip(np.rint(stored * slope + intercept), -32768, 32767)
    return volume


def main() -> None:
    folder, runs = sys.argv[1], int(sys.argv[2])
    seconds = []
    volume = None
    for _ in range(runs):
        start = time.perf_counter()
        volume = read_volume(folder)
        seconds.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "secondsPerRun": seconds,
                "voxelSum": int(volume.sum(dtype=np.int64)),
                "dims": list(volume.shape[::-1]),
                "version": f"pydicom {pydicom.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}",
            }
        )
    )


if __name__ == "__main__":
    main()
