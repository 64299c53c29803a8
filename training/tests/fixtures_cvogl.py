"""Write small CVOGL-format datasets for tests: coloured objects on a grey, slightly noisy ground.

Each scene is a satellite image with several distinctly coloured rectangles. Each sample clicks ONE
of them in a drone-like query that shows all of the scene's objects in another layout, so only the
click says which object the box must land on.

Run `/usr/bin/python3 -m tests.fixtures_cvogl OUT_DIR` (from training/) to write the overfit set.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from PIL import Image

from smgeo.data.to_json import convert_split

FOLDER = "CVOGL_DroneAerial"

COLOURS: Dict[str, Tuple[int, int, int]] = {
    "red": (220, 30, 30),
    "green": (30, 200, 40),
    "blue": (30, 60, 225),
    "yellow": (235, 215, 35),
}
GROUND = (110, 110, 110)


@dataclass(frozen=True)
class Placed:
    colour: str
    box: Tuple[int, int, int, int]  # x1, y1, x2, y2 in image pixels


def ground(width: int, height: int, rng: np.random.Generator, noise: float = 6.0) -> np.ndarray:
    base = np.empty((height, width, 3), dtype=np.float32)
    base[:] = GROUND
    base += rng.normal(0.0, noise, size=base.shape)
    return base


def paint(image: np.ndarray, objects: Sequence[Placed]) -> np.ndarray:
    image = image.copy()
    for obj in objects:
        x1, y1, x2, y2 = obj.box
        image[y1:y2, x1:x2] = COLOURS[obj.colour]
    return np.clip(image, 0, 255).astype(np.uint8)


def write_split(dataset_dir: Path, split: str, entries: List[tuple]) -> Path:
    """The .pth list, and the .json twin the app reads (docs/CONTRACTS.md section 2)."""
    path = dataset_dir / f"{FOLDER}_{split}.pth"
    torch.save(entries, path)
    convert_split(dataset_dir, split)
    return path


def write_scenes(root: "str | Path", scenes: Sequence[Sequence[Placed]], satellite_size: Tuple[int, int],
                 query_size: Tuple[int, int], splits: Sequence[str] = ("train",), seed: int = 0,
                 clicked: Optional[Sequence[Sequence[int]]] = None) -> Path:
    """Write one satellite image per scene and one query per clicked object (default: every
    object); every listed split gets the same entries. Returns <root>/CVOGL_DroneAerial."""
    rng = np.random.default_rng(seed)
    dataset_dir = Path(root) / FOLDER
    (dataset_dir / "query").mkdir(parents=True, exist_ok=True)
    (dataset_dir / "satellite").mkdir(parents=True, exist_ok=True)
    sat_w, sat_h = satellite_size
    q_w, q_h = query_size
    entries = []
    for scene_index, objects in enumerate(scenes):
        satellite_name = f"scene{scene_index:03d}.png"
        Image.fromarray(paint(ground(sat_w, sat_h, rng), objects)).save(dataset_dir / "satellite" / satellite_name)
        drone_view = drone_layout(objects, q_w, q_h, scene_index)
        # One drone image per scene: queries of a scene differ ONLY by where they click.
        query_image = Image.fromarray(paint(ground(q_w, q_h, rng), drone_view))
        targets = range(len(objects)) if clicked is None else clicked[scene_index]
        for target_index in targets:
            target = objects[target_index]
            query_name = f"scene{scene_index:03d}_obj{target_index}.png"
            query_image.save(dataset_dir / "query" / query_name)
            qx1, qy1, qx2, qy2 = drone_view[target_index].box
            click = [(qx1 + qx2) / 2.0, (qy1 + qy2) / 2.0]
            entries.append((len(entries), query_name, satellite_name, None, click,
                            list(target.box), None, target.colour))
    for split in splits:
        write_split(dataset_dir, split, entries)
    return dataset_dir


def drone_layout(objects: Sequence[Placed], width: int, height: int, shift: int) -> List[Placed]:
    """The same objects seen from a drone: bigger, along a diagonal, order rotated per scene so
    that the clicked object's position in the query does not give its satellite position away."""
    count = len(objects)
    side = int(min(width, height) / (count + 1))
    placed = []
    for slot in range(count):
        obj = objects[(slot + shift) % count]
        cx = int((slot + 0.5) * width / count)
        cy = int((slot + 0.5) * height / count) if shift % 2 == 0 else int((count - slot - 0.5) * height / count)
        placed.append((objects.index(obj), Placed(obj.colour, (cx - side // 2, cy - side // 2,
                                                                 cx + side // 2, cy + side // 2))))
    placed.sort(key=lambda pair: pair[0])
    return [p for _, p in placed]


def overfit_scenes() -> List[List[Placed]]:
    """Two 256x256 scenes, three objects each, at different places and sizes."""
    return [
        [Placed("red", (24, 28, 88, 84)), Placed("green", (150, 40, 230, 104)), Placed("blue", (70, 160, 134, 232))],
        [Placed("yellow", (160, 150, 232, 222)), Placed("red", (30, 140, 96, 200)), Placed("blue", (120, 20, 196, 84))],
    ]


OVERFIT_CLICKED = ((0, 1), (0, 2))


def write_overfit_dataset(root: "str | Path", seed: int = 0) -> Path:
    """Four samples: two objects clicked per scene, the third object of each scene a distractor."""
    return write_scenes(root, overfit_scenes(), satellite_size=(256, 256), query_size=(160, 120),
                        splits=("train", "val", "test"), seed=seed, clicked=OVERFIT_CLICKED)


def write_small_dataset(root: "str | Path", seed: int = 0) -> Path:
    """Non-square images (so resize scaling is exercised), one scene with two objects."""
    scenes = [[Placed("red", (40, 30, 100, 70)), Placed("blue", (200, 110, 260, 170))]]
    return write_scenes(root, scenes, satellite_size=(300, 200), query_size=(160, 100),
                        splits=("train", "test"), seed=seed)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 -m tests.fixtures_cvogl OUT_DIR")
    print(write_overfit_dataset(sys.argv[1]))
