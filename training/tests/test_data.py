"""The CVOGL reader: what the model is fed matches what the dataset file says."""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from smgeo.data import CvoglDataset
from smgeo.data import transforms as T
from smgeo.data.to_json import convert_all
from smgeo.utils.normalize import denormalize_rgb

from fixtures_cvogl import COLOURS, write_small_dataset, write_split

Q, R = 64, 128


@pytest.fixture()
def small_root(tmp_path):
    write_small_dataset(tmp_path)
    return tmp_path


def colour_under_box(reference: torch.Tensor, box: torch.Tensor, shrink: float = 0.25) -> np.ndarray:
    """Mean RGB (0..255) of the inner part of the box, away from blurred edges."""
    rgb = denormalize_rgb(reference).numpy() * 255.0
    x1, y1, x2, y2 = box.tolist()
    dx, dy = (x2 - x1) * shrink, (y2 - y1) * shrink
    cols = slice(int(np.ceil(x1 + dx)), int(np.floor(x2 - dx)))
    rows = slice(int(np.ceil(y1 + dy)), int(np.floor(y2 - dy)))
    patch = rgb[:, rows, cols]
    assert patch.size > 0, f"box {box.tolist()} too small to sample"
    return patch.reshape(3, -1).mean(axis=1)


def test_item_shapes_and_types(small_root):
    item = CvoglDataset(small_root, "train", Q, R)[0]
    assert item["query"].shape == (4, Q, Q) and item["query"].dtype == torch.float32
    assert item["reference"].shape == (3, R, R) and item["reference"].dtype == torch.float32
    assert item["box"].shape == (4,) and item["click"].shape == (2,)
    assert item["class_name"] == "red" and item["id"] == 0


def test_root_may_be_the_dataset_folder_itself(small_root):
    assert len(CvoglDataset(small_root / "CVOGL_DroneAerial", "train", Q, R)) == 2


def test_box_and_click_are_scaled_to_model_sizes(small_root):
    # Satellite 300x200 -> 128x128; query 160x100 -> 64x64.
    dataset = CvoglDataset(small_root, "train", Q, R)
    item = dataset[1]
    entry = dataset.entries[1]
    x1, y1, x2, y2 = entry[5]
    expected = [x1 * R / 300, y1 * R / 200, x2 * R / 300, y2 * R / 200]
    assert torch.allclose(item["box"], torch.tensor(expected), atol=1e-4)
    cx, cy = entry[4]
    assert torch.allclose(item["click"], torch.tensor([cx * Q / 160, cy * Q / 100]), atol=1e-4)


def test_click_channel_peaks_at_the_click(small_root):
    item = CvoglDataset(small_root, "train", Q, R)[1]
    channel = item["query"][3]
    row, col = divmod(int(channel.argmax()), Q)
    cx, cy = item["click"].tolist()
    assert abs(col + 0.5 - cx) <= 1.0 and abs(row + 0.5 - cy) <= 1.0
    assert channel.max() <= 1.0 and channel.min() >= 0.0


def test_box_lies_on_the_object_without_augmentation(small_root):
    dataset = CvoglDataset(small_root, "train", Q, R)
    for index in range(len(dataset)):
        item = dataset[index]
        colour = colour_under_box(item["reference"], item["box"])
        assert np.abs(colour - np.array(COLOURS[item["class_name"]])).max() < 20


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_augmentation_keeps_the_box_on_the_object(small_root, seed):
    dataset = CvoglDataset(small_root, "train", Q, R, augment=True, seed=seed)
    rotations_seen = set()
    for epoch in range(6):
        dataset.set_epoch(epoch)
        for index in range(len(dataset)):
            item = dataset[index]
            colour = colour_under_box(item["reference"], item["box"])
            # Jitter changes brightness/saturation but never hue: the object's own channel dominates.
            dominant = int(np.argmax(COLOURS[item["class_name"]]))
            others = [c for c in range(3) if c != dominant]
            assert colour[dominant] > colour[others].max() + 60, (seed, epoch, index, colour)
            # The click still lands on the clicked object's colour in the query.
            query_rgb = denormalize_rgb(item["query"][:3]).numpy() * 255.0
            cx, cy = item["click"].tolist()
            at_click = query_rgb[:, int(cy), int(cx)]
            assert at_click[dominant] > at_click[others].max() + 60, (seed, epoch, index, at_click)
            box = item["box"]
            assert 0 <= box[0] < box[2] <= R and 0 <= box[1] < box[3] <= R
            rotations_seen.add(tuple((box / 4).round().int().tolist()))
    assert len(rotations_seen) > 4, "augmentation should move the box around"


def test_augmentation_is_reproducible(small_root):
    a = CvoglDataset(small_root, "train", Q, R, augment=True, seed=5)
    b = CvoglDataset(small_root, "train", Q, R, augment=True, seed=5)
    a.set_epoch(3)
    b.set_epoch(3)
    assert torch.equal(a[0]["reference"], b[0]["reference"]) and torch.equal(a[0]["box"], b[0]["box"])


def test_rot90_moves_the_box_with_the_pixels():
    image = np.zeros((40, 60, 3), dtype=np.uint8)
    image[5:15, 40:55] = 255  # box x 40..55, y 5..15
    for k in range(4):
        rotated, box = T.rot90_with_box(image, (40, 5, 55, 15), k)
        x1, y1, x2, y2 = (int(round(v)) for v in box)
        mask = rotated[..., 0] > 0
        rows, cols = np.nonzero(mask)
        assert (cols.min(), rows.min(), cols.max() + 1, rows.max() + 1) == (x1, y1, x2, y2), k


def test_missing_split_list_names_the_file(small_root):
    with pytest.raises(FileNotFoundError, match="CVOGL_DroneAerial_val.pth"):
        CvoglDataset(small_root, "val", Q, R)


def test_missing_folder_says_what_is_expected(tmp_path):
    with pytest.raises(FileNotFoundError, match="CVOGL_DroneAerial"):
        CvoglDataset(tmp_path / "nowhere", "train", Q, R)


def test_missing_image_names_the_file(small_root):
    dataset_dir = small_root / "CVOGL_DroneAerial"
    write_split(dataset_dir, "test", [(0, "gone.png", "scene000.png", None, [1, 1], [0, 0, 5, 5], None, "red")])
    with pytest.raises(FileNotFoundError, match="gone.png"):
        CvoglDataset(small_root, "test", Q, R)[0]


def test_split_lists_are_converted_to_json_for_the_app(tmp_path):
    dataset_dir = tmp_path / "CVOGL_DroneAerial"
    (dataset_dir / "query").mkdir(parents=True)
    (dataset_dir / "satellite").mkdir()
    entries = [(7, "q.png", "s.png", np.int64(3), np.array([1.5, 2.0]), torch.tensor([1, 2, 30, 40]), None, "car")]
    torch.save(entries, dataset_dir / "CVOGL_DroneAerial_val.pth")
    written = convert_all(tmp_path)
    assert [p.name for p in written] == ["CVOGL_DroneAerial_val.json"]
    assert json.loads(written[0].read_text()) == [[7, "q.png", "s.png", 3, [1.5, 2.0], [1, 2, 30, 40], None, "car"]]


def test_json_conversion_says_when_there_is_nothing_to_convert(tmp_path):
    (tmp_path / "query").mkdir()
    (tmp_path / "satellite").mkdir()
    with pytest.raises(FileNotFoundError, match="nothing to convert"):
        convert_all(tmp_path)
