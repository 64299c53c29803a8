"""Pictures of what the model sees and decides, for one sample.

    python3 -m smgeo.visualize --checkpoint runs/nano/best.pt --data ROOT --split test --index 3 --out viz/
    python3 -m smgeo.visualize --checkpoint best.pt --query frame.jpg --click 412,230 --reference chip.png --out viz/

Writes heatmap.png (sigmoid(heatmap) over the reference chip, ground-truth box green when known,
predicted box red), query.png (the drone view and the click), routing_<source>.png (for every
MoE block, the top-1 expert of each grid cell, one colour per expert) and prediction.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from PIL import Image, ImageDraw

from .build import build_model, load_checkpoint
from .modeling import SMGeo
from .utils import denormalize_rgb, make_click_channel, normalize_rgb

# One colour per expert, distinguishable side by side (Okabe-Ito, colour-blind safe).
EXPERT_COLOURS = [(230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178),
                  (213, 94, 0), (204, 121, 167), (120, 120, 120)]
# Anchors of a dark-to-bright heat ramp (black, purple, red, orange, pale yellow).
HEAT_RAMP = np.array([(0, 0, 4), (87, 16, 110), (188, 55, 84), (249, 142, 9), (252, 255, 164)], dtype=np.float32)


def heat_colours(values: np.ndarray) -> np.ndarray:
    """values in [0, 1], any shape -> uint8 RGB of the same shape + (3,)."""
    pos = np.clip(values, 0, 1) * (len(HEAT_RAMP) - 1)
    low = np.floor(pos).astype(int).clip(0, len(HEAT_RAMP) - 2)
    frac = (pos - low)[..., None]
    return (HEAT_RAMP[low] * (1 - frac) + HEAT_RAMP[low + 1] * frac).astype(np.uint8)


def to_image(normalised_rgb: torch.Tensor) -> Image.Image:
    array = (denormalize_rgb(normalised_rgb).permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)
    return Image.fromarray(array)


def best_cell(heatmap: torch.Tensor, box: torch.Tensor) -> Tuple[float, List[float]]:
    """Score and box at the highest heatmap cell (heatmap [1, h, w] logits, box [4, h, w])."""
    scores = heatmap[0].sigmoid()
    flat = int(scores.argmax())
    y, x = divmod(flat, scores.shape[1])
    return float(scores[y, x]), [float(v) for v in box[:, y, x]]


def draw_heatmap(reference: torch.Tensor, heatmap: torch.Tensor, pred_box: Sequence[float],
                 gt_box: Optional[Sequence[float]]) -> Image.Image:
    chip = to_image(reference)
    zoom = max(1, 512 // chip.size[0])   # small chips (tests, nano) are hard to read at 1:1
    chip = chip.resize((chip.size[0] * zoom, chip.size[1] * zoom), Image.BILINEAR)
    pred_box = [v * zoom for v in pred_box]
    gt_box = [v * zoom for v in gt_box] if gt_box is not None else None
    prob = heatmap[0].sigmoid().numpy()
    heat = Image.fromarray(heat_colours(prob / max(prob.max(), 1e-6))).resize(chip.size, Image.BILINEAR)
    picture = Image.blend(chip, heat, 0.5)
    draw = ImageDraw.Draw(picture)
    width = max(1, chip.size[0] // 128)
    if gt_box is not None:
        draw.rectangle(list(gt_box), outline=(0, 220, 0), width=width)
    draw.rectangle(list(pred_box), outline=(255, 40, 40), width=width)
    return picture


def draw_query(query: torch.Tensor) -> Image.Image:
    picture = to_image(query[:3])
    channel = query[3]
    y, x = divmod(int(channel.argmax()), channel.shape[1])
    r = max(2, picture.size[0] // 40)
    ImageDraw.Draw(picture).ellipse([x - r, y - r, x + r, y + r], outline=(255, 40, 40), width=max(1, r // 2))
    return picture


def draw_routing(routing: Dict[str, torch.Tensor], source: str, panel: int = 192) -> Optional[Image.Image]:
    """One panel per MoE layer of `source` (top-1 expert per cell), titled by layer, with a legend."""
    names = [n for n in routing if n.startswith(source + ".")]
    if not names:
        return None
    legend_h, title_h, gap = 18, 16, 8
    num_experts = len(EXPERT_COLOURS)
    sheet = Image.new("RGB", (len(names) * (panel + gap) + gap, panel + title_h + legend_h + 2 * gap), "white")
    draw = ImageDraw.Draw(sheet)
    palette = np.array(EXPERT_COLOURS, dtype=np.uint8)
    for i, name in enumerate(names):
        top1 = routing[name][0, :, :, 0].numpy()
        tile = Image.fromarray(palette[top1 % num_experts]).resize((panel, panel), Image.NEAREST)
        left = gap + i * (panel + gap)
        sheet.paste(tile, (left, gap + title_h))
        h, w = top1.shape
        draw.text((left, gap), f"{name.split('.', 1)[1]} {h}x{w}", fill="black")
    used = sorted({int(v) for name in names for v in routing[name][0, :, :, 0].unique()})
    for j, e in enumerate(used):
        x = gap + j * 70
        y = gap + title_h + panel + 4
        draw.rectangle([x, y, x + 12, y + 12], fill=EXPERT_COLOURS[e % num_experts])
        draw.text((x + 16, y), f"expert {e}", fill="black")
    return sheet


def box_iou(a: Sequence[float], b: Sequence[float]) -> float:
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def visualize(model: SMGeo, query: torch.Tensor, reference: torch.Tensor, out_dir: Path,
              gt_box: Optional[Sequence[float]] = None, sample: Optional[dict] = None) -> dict:
    """query [4,Q,Q], reference [3,R,R] (normalised, as the dataset gives them) -> files in out_dir."""
    model.eval()
    with torch.no_grad():
        out = model(query.unsqueeze(0), reference.unsqueeze(0), return_routing=True)
    score, pred_box = best_cell(out["heatmap"][0], out["box"][0])
    out_dir.mkdir(parents=True, exist_ok=True)
    draw_heatmap(reference, out["heatmap"][0], pred_box, gt_box).save(out_dir / "heatmap.png")
    draw_query(query).save(out_dir / "query.png")
    written = ["heatmap.png", "query.png"]
    for source in ("query", "reference", "fusion"):
        sheet = draw_routing(out["routing"], source)
        if sheet is not None:
            sheet.save(out_dir / f"routing_{source}.png")
            written.append(f"routing_{source}.png")
    summary = {"score": score, "pred_box": pred_box, "gt_box": list(gt_box) if gt_box is not None else None,
               "iou": box_iou(pred_box, gt_box) if gt_box is not None else None,
               "preset": model.preset.name, "files": written, **(sample or {})}
    (out_dir / "prediction.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary


def load_pair_from_images(query_path: str, click: Tuple[float, float], reference_path: str, q: int, r: int):
    """Prepare images the way the app does: whole frame resized to QxQ, click scaled alike."""
    try:
        frame = Image.open(query_path).convert("RGB")
        chip = Image.open(reference_path).convert("RGB")
    except OSError as exc:
        raise SystemExit(f"error: could not read image {exc.filename or ''} ({exc}); pass a JPEG/PNG/TIFF file")
    cx, cy = click[0] * q / frame.width, click[1] * q / frame.height
    if not (0 <= click[0] <= frame.width and 0 <= click[1] <= frame.height):
        raise SystemExit(f"error: click {click} lies outside {query_path} ({frame.width}x{frame.height} px)")
    as_tensor = lambda im, size: torch.from_numpy(np.asarray(im.resize((size, size), Image.BILINEAR)).copy()).permute(2, 0, 1)
    query = torch.cat([normalize_rgb(as_tensor(frame, q)), make_click_channel(q, cx, cy)], dim=0)
    return query, normalize_rgb(as_tensor(chip, r))


def parse_click(text: str) -> Tuple[float, float]:
    try:
        x, y = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--click must be X,Y in frame pixels, e.g. 412,230 (got {text!r})")
    return x, y


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m smgeo.visualize", description=__doc__.split("\n\n")[0])
    model_src = parser.add_mutually_exclusive_group(required=True)
    model_src.add_argument("--checkpoint", help="a .pt file written by smgeo.train")
    model_src.add_argument("--random-init", metavar="PRESET", help="an untrained model of this preset (smoke tests)")
    parser.add_argument("--data", help="CVOGL-format dataset root (docs/CONTRACTS.md §2)")
    parser.add_argument("--split", default="test")
    parser.add_argument("--index", type=int, default=0)
    parser.add_argument("--query", help="a drone frame (instead of --data)")
    parser.add_argument("--click", type=parse_click, help="X,Y of the click in --query pixels")
    parser.add_argument("--reference", help="a reference chip image (instead of --data)")
    parser.add_argument("--out", required=True, help="folder for the PNGs")
    args = parser.parse_args(argv)
    torch.set_num_threads(os.cpu_count() or 1)

    if args.checkpoint:
        try:
            model = load_checkpoint(args.checkpoint)
        except (FileNotFoundError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    else:
        torch.manual_seed(0)
        model = build_model(args.random_init)
    p = model.preset

    if args.data:
        from .data.cvogl import CvoglDataset   # the data package is optional for image-pair use

        dataset = CvoglDataset(args.data, args.split, query_size=p.query_size, reference_size=p.reference_size,
                               augment=False)
        if not 0 <= args.index < len(dataset):
            print(f"error: --index {args.index} is outside the {args.split} split of {args.data} "
                  f"({len(dataset)} samples)", file=sys.stderr)
            return 2
        item = dataset[args.index]
        summary = visualize(model, item["query"], item["reference"], Path(args.out), item["box"].tolist(),
                            {"id": item["id"], "class_name": item["class_name"]})
    elif args.query and args.reference and args.click:
        query, reference = load_pair_from_images(args.query, args.click, args.reference, p.query_size, p.reference_size)
        summary = visualize(model, query, reference, Path(args.out))
    else:
        parser.error("give --data ROOT [--split --index] or all of --query, --click and --reference")
    print(f"wrote {', '.join(summary['files'])} to {args.out} (score {summary['score']:.3f}"
          + (f", IoU {summary['iou']:.3f})" if summary["iou"] is not None else ")"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
