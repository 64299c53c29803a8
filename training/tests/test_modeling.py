"""The SMGeo network: shapes, Swin mechanics, GMoE routing, and that it listens to the click."""
from __future__ import annotations

import dataclasses
import json
import math

import pytest
import torch

from smgeo import build_model, load_checkpoint
from smgeo.modeling import count_parameters
from smgeo.modeling.gmoe import ExpertPool, Router
from smgeo.modeling.swin import SwinBlock, shifted_window_mask
from smgeo.presets import PRESETS, get_preset, with_sizes
from smgeo.utils import MEAN, STD, denormalize_rgb, make_click_channel, normalize_rgb


def assert_valid_outputs(out, batch, preset):
    side = preset.reference_size // 8
    assert out["heatmap"].shape == (batch, 1, side, side)
    assert out["box"].shape == (batch, 4, side, side)
    box = out["box"]
    assert torch.isfinite(box).all() and torch.isfinite(out["heatmap"]).all()
    assert box.min() >= 0 and box.max() <= preset.reference_size
    assert (box[:, 2] >= box[:, 0]).all() and (box[:, 3] >= box[:, 1]).all()
    assert out["aux_loss"].dim() == 0 and torch.isfinite(out["aux_loss"]) and out["aux_loss"] >= 0


def test_tiny_forward_has_contract_shapes(tiny_model, make_pair):
    query, reference = make_pair(tiny_model.preset, batch=2)
    assert_valid_outputs(tiny_model(query, reference), 2, tiny_model.preset)


def test_nano_forward_has_contract_shapes(make_pair):
    model = build_model("nano").eval()
    query, reference = make_pair(model.preset)
    with torch.no_grad():
        assert_valid_outputs(model(query, reference), 1, model.preset)


def test_paper_preset_has_the_swin_t_layout_and_runs_on_small_inputs(make_pair):
    # Input sizes do not change any weight, so the paper network is checked on 64/128 inputs.
    model = build_model(with_sizes("paper", 64, 128)).eval()
    assert dataclasses.replace(model.preset, query_size=256, reference_size=1024) == PRESETS["paper"]
    stages = model.backbone.stages
    assert [len(s.blocks) for s in stages] == [2, 2, 6, 2]
    assert [s.blocks[0].attn.num_heads for s in stages] == [3, 6, 12, 24]
    assert [s.norm.normalized_shape[0] for s in stages] == [96, 192, 384, 768]
    moe = [[i for i, b in enumerate(s.blocks) if b.is_moe] for s in stages]
    assert moe == [[], [0, 1], [0, 2, 4], [0, 1]]
    assert stages[0].experts is None
    assert all(s.experts.w1.shape[0] == 6 for s in stages[1:])
    assert 25e6 < count_parameters(model) < 80e6
    query, reference = make_pair(model.preset)
    with torch.no_grad():
        assert_valid_outputs(model(query, reference), 1, model.preset)


def test_windows_are_clamped_padded_and_shifted_on_odd_blocks():
    block_even = SwinBlock(16, 2, 8, shifted=False, mlp_ratio=2.0)
    block_odd = SwinBlock(16, 2, 8, shifted=True, mlp_ratio=2.0)
    assert block_even.window_and_shift(16, 16) == (8, 0)
    assert block_odd.window_and_shift(16, 16) == (8, 4)
    assert block_odd.window_and_shift(4, 4) == (4, 0)          # grid smaller than a window: one window
    assert shifted_window_mask(16, 16, 16, 16, 8, 0) is None
    mask = shifted_window_mask(16, 16, 16, 16, 8, 4)
    assert mask.shape == (4, 64, 64)
    assert (mask[0] == 0).all()                                # top-left window holds one region
    # Last window after the roll: its top-left token came from (12,12), its bottom-right from (3,3).
    assert mask[3, 0, 63] < 0 and mask[3, 0, 1] == 0
    padded = shifted_window_mask(16, 16, 12, 12, 8, 0)         # a 12x12 grid padded to 16x16
    assert padded is not None and padded[3, 0, 63] < 0 and padded[0, 0, 1] == 0

    torch.manual_seed(0)
    x = torch.randn(1, 16, 16, 16)
    block_odd.load_state_dict(block_even.state_dict())
    with torch.no_grad():
        assert not torch.allclose(block_even(x, "query", None)[0], block_odd(x, "query", None)[0])


def test_every_block_alternates_shift_and_has_a_full_relative_bias_table(tiny_model):
    for stage in tiny_model.backbone.stages:
        assert [b.shifted for b in stage.blocks] == [i % 2 == 1 for i in range(len(stage.blocks))]
        for block in stage.blocks:
            assert block.attn.relative_position_bias_table.shape == ((2 * 8 - 1) ** 2, block.attn.num_heads)


def test_grids_that_are_not_window_multiples_are_padded(make_pair):
    # Query 96 -> a 12x12 stride-8 grid, padded to 16x16 for 8x8 windows.
    model = build_model(with_sizes("tiny", 96, 128)).eval()
    query, reference = make_pair(model.preset)
    with torch.no_grad():
        out = model(query, reference, return_routing=True)
    assert out["routing"]["query.stage2.block0"].shape[1:3] == (12, 12)
    assert_valid_outputs(out, 1, model.preset)


def test_every_token_is_routed_to_two_distinct_of_six_experts(tiny_model, make_pair):
    query, reference = make_pair(tiny_model.preset, batch=2)
    with torch.no_grad():
        routing = tiny_model(query, reference, return_routing=True)["routing"]
    expected = {f"{src}.stage{s}.block{b}" for src in ("query", "reference")
                for s, blocks in ((2, (0, 1)), (3, (0,)), (4, (0, 1))) for b in blocks} | {"fusion.block0"}
    assert set(routing) == expected
    used = set()
    for name, idx in routing.items():
        assert idx.shape[-1] == 2 and idx.shape[0] == 2, name
        assert ((idx >= 0) & (idx < 6)).all(), name
        assert (idx[..., 0] != idx[..., 1]).all(), name
        used |= set(idx.unique().tolist())
    assert len(used) > 2   # content-dependent routing, not one fixed pair


def test_routing_depends_on_the_source_embedding(tiny_model, make_pair):
    stage = tiny_model.backbone.stages[1]
    block = stage.blocks[0]
    tokens = torch.randn(1, 64, stage.norm.normalized_shape[0])
    with torch.no_grad():
        stage.experts.source_embed[1] += 5 * torch.randn_like(stage.experts.source_embed[1])
        _, _, as_query = block.ffn(tokens, stage.experts, "query")
        _, _, as_reference = block.ffn(tokens, stage.experts, "reference")
    assert not torch.equal(as_query, as_reference)


def test_noisy_gating_only_in_training():
    router = Router(8, 6, 2, noise=1.0)
    z = torch.randn(256, 8)
    router.train()
    assert not torch.equal(router(z)[1], router(z)[1])
    router.eval()
    assert torch.equal(router(z)[1], router(z)[1])


def test_load_balancing_loss_is_one_when_balanced_and_larger_when_collapsed():
    router = Router(8, 6, 2, noise=0.0).eval()
    torch.nn.init.zeros_(router.gate.weight)
    z = torch.randn(600, 8)
    weights, idx, aux = router(z)
    # Uniform probabilities: E * sum_i f_i * (1/E) = 1 however the tie-break dispatches.
    assert aux.item() == pytest.approx(1.0, abs=1e-6)
    assert torch.allclose(weights, torch.full_like(weights, 0.5))
    with torch.no_grad():
        router.gate.weight[0] = 10.0
        router.gate.weight[1] = 10.0
    collapsed = router(z.abs())[2]
    assert collapsed.item() > 2.0


def test_sparse_and_dense_expert_paths_agree():
    torch.manual_seed(0)
    pool = ExpertPool(16, 32, 6)
    x = torch.randn(50, 16)
    idx = torch.stack([torch.randperm(6)[:2] for _ in range(50)])
    weights = torch.rand(50, 2).softmax(-1)
    assert torch.allclose(pool.sparse(x, idx, weights), pool.dense(x, idx, weights), atol=1e-5)


def test_training_step_reaches_routers_experts_and_fusion(make_pair):
    torch.manual_seed(0)
    model = build_model("tiny").train()
    query, reference = make_pair(model.preset, batch=2)
    out = model(query, reference)
    (out["heatmap"].sigmoid().mean() + out["box"].mean() / 128 + out["aux_loss"]).backward()
    stage = model.backbone.stages[2]
    assert stage.experts.w1.grad.abs().sum() > 0
    assert stage.blocks[0].ffn.router.gate.weight.grad.abs().sum() > 0
    assert model.fusion.cross_attn.q.weight.grad.abs().sum() > 0
    assert model.backbone.patch_embed["query"].weight.grad[:, 3].abs().sum() > 0   # the click channel


def test_moving_only_the_click_changes_the_prediction(tiny_model, make_pair):
    preset = tiny_model.preset
    query, reference = make_pair(preset, click=(10.0, 12.0))
    moved = query.clone()
    moved[:, 3:] = make_click_channel(preset.query_size, 50.0, 48.0)
    with torch.no_grad():
        a, b = tiny_model(query, reference), tiny_model(moved, reference)
    assert (a["heatmap"] - b["heatmap"]).abs().max() > 1e-3
    assert (a["box"] - b["box"]).abs().max() > 1e-3


def test_swapping_the_queries_of_two_samples_changes_their_heatmaps(tiny_model, make_pair):
    query, reference = make_pair(tiny_model.preset, batch=2)
    with torch.no_grad():
        a = tiny_model(query, reference)["heatmap"]
        b = tiny_model(query.flip(0), reference)["heatmap"]
    assert (a - b).abs().amax(dim=(1, 2, 3)).min() > 1e-3


def test_encode_reference_then_localize_equals_forward(tiny_model, make_pair):
    query, reference = make_pair(tiny_model.preset, batch=2)
    with torch.no_grad():
        full = tiny_model(query, reference)
        feats = tiny_model.encode_reference(reference)
        split = tiny_model.localize(query, feats)
    assert set(feats) == {"ref_s8", "ref_s16", "ref_s32"}
    assert [feats[s["name"]].shape[1] for s in tiny_model.reference_feature_specs()] == [32, 64, 128]
    assert torch.allclose(full["heatmap"], split["heatmap"], atol=1e-6)
    assert torch.allclose(full["box"], split["box"], atol=1e-5)


def test_wrong_input_shapes_are_refused_with_a_clear_message(tiny_model):
    with pytest.raises(ValueError, match=r"query must be \[B, 4"):
        tiny_model(torch.zeros(1, 3, 64, 64), torch.zeros(1, 3, 128, 128))
    with pytest.raises(ValueError, match="multiple of 32"):
        tiny_model.encode_reference(torch.zeros(1, 3, 100, 100))


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_round_trip_through_asdict_and_json(name):
    preset = PRESETS[name]
    assert get_preset(dataclasses.asdict(preset)) == preset
    assert get_preset(json.loads(json.dumps(dataclasses.asdict(preset)))) == preset


def test_build_model_accepts_a_preset_dict_and_refuses_unknown_names():
    preset = PRESETS["tiny"]
    assert build_model(dataclasses.asdict(preset)).preset == preset
    with pytest.raises(ValueError, match="unknown preset 'huge'; choose one of"):
        build_model("huge")
    with pytest.raises(ValueError, match="unknown fields"):
        build_model({**dataclasses.asdict(preset), "colour": "red"})


def test_checkpoint_round_trip(tmp_path, tiny_model, make_pair):
    path = tmp_path / "step10.pt"
    torch.save({"model": tiny_model.state_dict(), "preset": dataclasses.asdict(tiny_model.preset), "step": 10}, path)
    loaded = load_checkpoint(path)
    assert not loaded.training and loaded.preset == tiny_model.preset
    query, reference = make_pair(tiny_model.preset)
    with torch.no_grad():
        assert torch.equal(loaded(query, reference)["heatmap"], tiny_model(query, reference)["heatmap"])
    torch.save({"weights": 1}, tmp_path / "foreign.pt")
    with pytest.raises(ValueError, match="foreign.pt.*not written by smgeo.train"):
        load_checkpoint(tmp_path / "foreign.pt")
    with pytest.raises(FileNotFoundError, match="missing.pt"):
        load_checkpoint(tmp_path / "missing.pt")


def test_click_channel_is_one_minus_distance_over_diagonal_squared():
    channel = make_click_channel(64, 10.5, 20.5)
    assert channel.shape == (1, 64, 64)
    assert channel[0, 20, 10].item() == pytest.approx(1.0)
    d = math.hypot(63.5 - 10.5, 0.5 - 20.5)
    assert channel[0, 0, 63].item() == pytest.approx((1 - d / (64 * math.sqrt(2))) ** 2, rel=1e-5)
    assert channel.min() >= 0 and channel.argmax().item() == 20 * 64 + 10


def test_normalize_rgb_accepts_bytes_and_unit_floats_and_inverts():
    image = torch.randint(0, 256, (2, 3, 5, 7), dtype=torch.uint8)
    a, b = normalize_rgb(image), normalize_rgb(image.float() / 255)
    assert torch.allclose(a, b, atol=1e-6)
    assert normalize_rgb(torch.full((3, 1, 1), 0.485))[0].abs().item() < 1e-6
    assert torch.allclose(denormalize_rgb(a), image.float() / 255, atol=1e-6)
    assert MEAN == (0.485, 0.456, 0.406) and STD == (0.229, 0.224, 0.225)
    with pytest.raises(ValueError, match=r"\[\.\.\., 3, H, W\]"):
        normalize_rgb(torch.zeros(4, 8, 8))
