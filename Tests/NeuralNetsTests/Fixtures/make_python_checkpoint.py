"""Writes python_linear.safetensors: a checkpoint of NeuralNets.Linear(inputs: 3, outputs: 2) as Python's
safetensors writes it, read by CheckpointTests. Run once with /work/venv/bin/python; the output is committed."""
import numpy as np
from safetensors.numpy import save_file

weight = np.arange(6, dtype=np.float32).reshape(2, 3) / 8 - 0.25   # exact binary fractions
bias = np.array([1.5, -0.125], dtype=np.float32)
save_file({"weight": weight, "bias": bias}, "python_linear.safetensors", metadata={"writer": "python"})
