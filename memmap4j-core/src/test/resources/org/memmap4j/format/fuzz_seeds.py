"""Writes the seed corpus of NpyFuzzTest and NpzFuzzTest with NumPy: small real files of every supported kind.

Run from this directory: python3 fuzz_seeds.py. The files are committed; rerun only to change the seeds.
"""
import io
import os
import zipfile

import numpy as np
from numpy.lib import format as F

NPY = ['NpyFuzzTestInputs/npyHeader', 'NpyFuzzTestInputs/npyFile']
NPZ = ['NpzFuzzTestInputs/npzArchive']


def out(dirs, name, data):
    for d in dirs:
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, 'seed-' + name), 'wb') as f:
            f.write(data)


def npy(a, version=None):
    b = io.BytesIO()
    F.write_array(b, a, version=version, allow_pickle=False)
    return b.getvalue()


arrays = {
    'f8_c_2x3': np.arange(6, dtype='<f8').reshape(2, 3),
    'f4_be': np.array([1.5, -np.inf, np.nan], dtype='>f4'),
    'f2': np.array([0.5, 65504], dtype='<f2'),
    'i1': np.array([-128, 0, 127], dtype='i1'),
    'u2_be': np.array([1, 65535], dtype='>u2'),
    'i4_fortran_2x3': np.asfortranarray(np.arange(6, dtype='<i4').reshape(2, 3)),
    'i8_0d': np.array(-7, dtype='<i8'),
    'u8': np.array([2**64 - 1], dtype='<u8'),
    'b1': np.array([True, False, True]),
    'c8_be': np.array([1 + 2j], dtype='>c8'),
    'c16_3d': (np.arange(8) * (1 + 1j)).astype('<c16').reshape(2, 2, 2),
    'empty_0x3': np.zeros((0, 3), dtype='<f8'),
}
for name, a in arrays.items():
    out(NPY, name + '.npy', npy(a))
out(NPY, 'v2_f8.npy', npy(np.arange(3, dtype='<f8'), version=(2, 0)))
out(NPY, 'v3_i2.npy', npy(np.arange(3, dtype='<i2'), version=(3, 0)))
# Python 2 wrote shapes with long suffixes; NumPy still reads them.
header = b"{'descr': '<i4', 'fortran_order': False, 'shape': (2L,), }"
header += b' ' * (64 - 10 - len(header) - 1) + b'\n'
out(NPY, 'py2_long.npy', b'\x93NUMPY\x01\x00' + len(header).to_bytes(2, 'little') + header + np.arange(2, dtype='<i4').tobytes())

small = {'a': np.arange(4, dtype='<i2'), 'b': np.eye(2, dtype='>f8'), 'c': np.array(True)}
for compressed in (False, True):
    b = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(b, **small)
    out(NPZ, ('compressed' if compressed else 'stored') + '.npz', b.getvalue())
b = io.BytesIO()
np.savez(b, np.arange(3, dtype='<u8'))
out(NPZ, 'positional.npz', b.getvalue())
# Written by Python's zipfile without zip64, with a folder entry, a comment, and a member name without .npy.
b = io.BytesIO()
with zipfile.ZipFile(b, 'w') as z:
    z.writestr('dir/', b'')
    z.writestr('dir/x.npy', npy(np.arange(3, dtype='<f4')), compress_type=zipfile.ZIP_DEFLATED)
    z.writestr('noext', npy(np.array([1], dtype='|u1')))
    z.comment = b'seed'
out(NPZ, 'zipfile.npz', b.getvalue())
