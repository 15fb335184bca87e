"""Train the coronary-calcium labelling CNN on exported cases and export it to ONNX with its manifest.

    python training/train.py --data training/data --out models [--epochs N] [--device auto|cpu|cuda]

Cases come from scripts/export-training-cases.ts (phantoms or your own labelled volumes): model-grid features
<id>.features.npy (int16 [3, z, y, x]) and ground truth <id>.target.npy (uint8 [z, y, x]). The loss only counts cells
whose brightest voxel reaches the calcium threshold: everywhere else the runtime never asks the model anything.
Reproducible: one seed drives the split, the sampling and the initialisation (bit-exact on CPU).
"""

import argparse
import hashlib
import json
import math
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model import UNet3d  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CALCIUM_CHANNEL = 1  # maxHu


def log(msg: str) -> None:
    print(msg, flush=True)


def load_config(path: Path) -> dict:
    with open(path) as f:
        return json.load(f)


def normalise(features: np.ndarray, channels: list) -> np.ndarray:
    out = np.empty(features.shape, dtype=np.float32)
    for c, ch in enumerate(channels):
        lo, hi = ch["clip"]
        out[c] = np.clip(features[c].astype(np.float32), lo, hi) / ch["scale"]
    return out


def load_cases(data: Path, config: dict):
    ids = sorted(p.name[: -len(".features.npy")] for p in data.glob("*.features.npy"))
    if not ids:
        sys.exit(f"no cases in {data}: run scripts/export-training-cases.ts first")
    threshold = config["calciumHu"]
    xs, ys, masks = [], [], []
    for i in ids:
        f = np.load(data / f"{i}.features.npy")
        t = np.load(data / f"{i}.target.npy")
        xs.append(normalise(f, config["input"]))
        ys.append(t.astype(np.int64))
        masks.append(f[CALCIUM_CHANNEL] >= threshold)
    return ids, np.stack(xs), np.stack(ys), np.stack(masks)


def split(ids, fraction: float, seed: int):
    """Validation membership by hash of the case id and seed: stable when cases are added."""
    val = []
    for k, i in enumerate(ids):
        h = int(hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
        val.append(h < fraction)
    val = np.array(val)
    return np.where(~val)[0], np.where(val)[0]


def class_weights(y: np.ndarray, mask: np.ndarray, classes: int) -> torch.Tensor:
    counts = np.bincount(y[mask], minlength=classes).astype(np.float64) + 1.0
    w = 1.0 / np.sqrt(counts / counts.sum())
    return torch.tensor(w / w.mean(), dtype=torch.float32)


def random_patch(x, y, m, patch, rng: np.random.Generator):
    """A patch of the case's box: a random z window (the box is taller than the patch) and a small x/y shift."""
    _, nz, ny, nx = x.shape
    pz, py, px = patch
    z0 = rng.integers(0, nz - pz + 1)
    y0 = rng.integers(0, ny - py + 1)
    x0 = rng.integers(0, nx - px + 1)
    sl = (slice(z0, z0 + pz), slice(y0, y0 + py), slice(x0, x0 + px))
    return x[(slice(None),) + sl], y[sl], m[sl]


@torch.no_grad()
def evaluate(model, x, y, m, patch, device, classes):
    """Per-class precision/recall over candidate cells of whole boxes (sliding along z like the runtime)."""
    model.eval()
    confusion = np.zeros((classes, classes), dtype=np.int64)
    nz = x.shape[2]
    pz = patch[0]
    starts = list(range(0, max(1, nz - pz), pz - 8)) + [nz - pz]
    for i in range(len(x)):
        scores = torch.zeros((classes,) + x.shape[2:], device=device)
        xi = torch.from_numpy(x[i : i + 1]).to(device)
        for z0 in sorted(set(starts)):
            scores[:, z0 : z0 + pz] += model(xi[:, :, z0 : z0 + pz])[0].float()
        pred = scores.argmax(0).cpu().numpy()
        mm = m[i]
        np.add.at(confusion, (y[i][mm], pred[mm]), 1)
    model.train()
    recall = confusion.diagonal() / np.maximum(confusion.sum(1), 1)
    precision = confusion.diagonal() / np.maximum(confusion.sum(0), 1)
    coronary_truth = confusion[1:5, :].sum()
    coronary_hit = confusion[1:5, 1:5].sum()
    coronary_pred = confusion[:, 1:5].sum()
    artery_right = confusion[1:5, 1:5].diagonal().sum()
    return {
        "cellRecall": [round(float(v), 4) for v in recall],
        "cellPrecision": [round(float(v), 4) for v in precision],
        "coronaryCellRecall": round(float(coronary_hit / max(coronary_truth, 1)), 4),
        "coronaryCellPrecision": round(float(coronary_hit / max(coronary_pred, 1)), 4),
        "arteryAccuracy": round(float(artery_right / max(coronary_hit, 1)), 4),
    }


def export_onnx(model, patch, channels, path: Path) -> None:
    model.eval().cpu()
    dummy = torch.zeros((1, channels) + tuple(patch), dtype=torch.float32)
    dynamic = {"input": {0: "batch", 2: "depth", 3: "height", 4: "width"}, "scores": {0: "batch", 2: "depth", 3: "height", 4: "width"}}
    try:
        torch.onnx.export(model, dummy, str(path), input_names=["input"], output_names=["scores"], dynamic_axes=dynamic, opset_version=17, dynamo=False)
    except Exception as err:  # newer torch without the TorchScript exporter
        log(f"TorchScript ONNX export failed ({err}); using the dynamo exporter")
        torch.onnx.export(model, dummy, str(path), input_names=["input"], output_names=["scores"], dynamic_shapes=None, opset_version=18, dynamo=True, external_data=False)


def check_onnx(model, path: Path, x: np.ndarray, patch) -> float:
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    sample = x[:1, :, : patch[0]].copy()
    ours = model(torch.from_numpy(sample)).detach().numpy()
    theirs = sess.run(None, {sess.get_inputs()[0].name: sample})[0]
    return float(np.abs(ours - theirs).max())


def describe_data(ids) -> str:
    seeds = sorted(int(i[len("case-") :]) for i in ids if i.startswith("case-") and i[len("case-") :].isdigit())
    own = len(ids) - len(seeds)
    parts = []
    if seeds:
        parts.append(f"synthetic thorax phantoms (packages/phantom, sampleAcquisition), seeds {seeds[0]}-{seeds[-1]}")
    if own:
        parts.append(f"{own} exported labelled volumes")
    return "; ".join(parts)


def git_commit() -> str:
    try:
        return subprocess.check_output(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True).strip()
    except Exception:
        return "unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT / "training" / "data"))
    ap.add_argument("--out", default=str(ROOT / "models"))
    ap.add_argument("--config", default=str(ROOT / "training" / "config.json"))
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--max-minutes", type=float, default=55.0, help="stop training after this long (export still runs)")
    ap.add_argument("--deadline", type=float, help="unix time by which the model must be exported (shortens training)")
    ap.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    ap.add_argument("--version", default="1.0.0")
    args = ap.parse_args()

    config = load_config(Path(args.config))
    tr = config["train"]
    seed = tr["seed"]
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    device = torch.device("cuda" if args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available()) else "cpu")
    if device.type == "cpu":
        torch.use_deterministic_algorithms(True)
    else:
        torch.backends.cudnn.benchmark = True

    t0 = time.time()
    ids, x, y, m = load_cases(Path(args.data), config)
    train_idx, val_idx = split(ids, tr["validationFraction"], seed)
    log(f"{len(ids)} cases ({len(train_idx)} train, {len(val_idx)} validation) loaded in {time.time() - t0:.0f} s on {device}")
    classes = len(config["labels"])
    grid = config["grid"]
    patch = (grid["patchCells"][2], grid["patchCells"][1], grid["patchCells"][0])  # z, y, x
    model = UNet3d(len(config["input"]), classes, config["model"]["channels"]).to(device)
    log(f"model: {sum(p.numel() for p in model.parameters())} parameters, {model.flops(patch) / 1e9:.2f} GFLOP per patch")
    weights = class_weights(y[train_idx], m[train_idx], classes).to(device)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, reduction="sum")
    epochs = args.epochs or tr["epochs"]
    steps_per_epoch = max(1, len(train_idx) // tr["batchSize"])
    opt = torch.optim.AdamW(model.parameters(), lr=tr["learningRate"], weight_decay=tr["weightDecay"])
    budget_s = args.max_minutes * 60
    if args.deadline:
        budget_s = max(30.0, min(budget_s, args.deadline - time.time() - 60))
        log(f"training budget {budget_s:.0f} s (deadline)")

    def set_lr(step: int) -> None:
        """Warm-up, then cosine decay over whichever runs out first: the epochs or the time budget."""
        progress = max(step / (epochs * steps_per_epoch), (time.time() - started) / budget_s)
        warm = min(1.0, (step + 1) / max(1, steps_per_epoch))
        lr = tr["learningRate"] * warm * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
        for group in opt.param_groups:
            group["lr"] = lr

    rng = np.random.default_rng(seed)
    history = []
    started = time.time()
    step = 0
    epoch_done = 0
    for epoch in range(epochs):
        order = rng.permutation(train_idx)
        total, cells = 0.0, 0
        for s in range(steps_per_epoch):
            batch = order[s * tr["batchSize"] : (s + 1) * tr["batchSize"]]
            px, py, pm = zip(*(random_patch(x[i], y[i], m[i], patch, rng) for i in batch))
            bx = torch.from_numpy(np.stack(px)).to(device)
            by = torch.from_numpy(np.stack(py)).to(device)
            bm = torch.from_numpy(np.stack(pm)).to(device)
            if device.type == "cuda":
                with torch.autocast("cuda", dtype=torch.bfloat16):
                    out = model(bx)
                out = out.float()
            else:
                out = model(bx)
            logits = out.permute(0, 2, 3, 4, 1)[bm]
            n = int(bm.sum())
            loss = loss_fn(logits, by[bm]) / max(n, 1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            set_lr(step)
            opt.step()
            step += 1
            total += float(loss.detach()) * n
            cells += n
        epoch_done = epoch + 1
        elapsed = (time.time() - started) / 60
        entry = {"epoch": epoch_done, "loss": round(total / max(cells, 1), 5), "minutes": round(elapsed, 2)}
        if epoch_done % 5 == 0 or epoch_done == epochs:
            entry["validation"] = evaluate(model, x[val_idx], y[val_idx], m[val_idx], patch, device, classes)
        history.append(entry)
        log(json.dumps(entry))
        if (time.time() - started) >= budget_s:
            log(f"stopping after {epoch_done} epochs: --max-minutes {args.max_minutes} reached")
            break
    validation = evaluate(model, x[val_idx], y[val_idx], m[val_idx], patch, device, classes)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = out_dir / "cac-cnn.onnx"
    model = model.float()
    export_onnx(model, patch, len(config["input"]), onnx_path)
    drift = check_onnx(model.cpu(), onnx_path, x[val_idx] if len(val_idx) else x, patch)
    sha = hashlib.sha256(onnx_path.read_bytes()).hexdigest()
    manifest = {
        "name": config["model"]["name"],
        "version": f"{args.version}+{sha[:8]}",
        "file": onnx_path.name,
        "sha256": sha,
        "labels": config["labels"],
        "grid": grid,
        "input": config["input"],
        "calciumHu": config["calciumHu"],
        "training": {
            "data": describe_data(ids),
            "cases": len(train_idx),
            "validationCases": len(val_idx),
            "epochs": epoch_done,
            "minutes": round((time.time() - started) / 60, 2),
            "device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu",
            "torch": torch.__version__,
            "seed": seed,
            "architecture": f"3-D U-Net, channels {config['model']['channels']}, {sum(p.numel() for p in model.parameters())} parameters",
            "commit": git_commit(),
            "onnxMaxAbsDifference": drift,
            "history": history,
        },
        "metrics": {"validation (synthetic, cells)": validation},
    }
    with open(out_dir / "cac-cnn.json", "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    log(json.dumps({"validation": validation, "onnxMaxAbsDifference": drift, "sha256": sha}))


if __name__ == "__main__":
    main()
