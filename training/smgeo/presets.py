"""Named model sizes. A preset is plain data so that it travels inside checkpoints and model cards."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Mapping, Tuple

# Blocks (per stage, 0-based) whose FFN is a GMoE layer, as in SMGeo: stage 2 blocks 0,1;
# stage 3 blocks 0,2,4; stage 4 blocks 0,1. Indices beyond a preset's depth are ignored.
SMGEO_MOE_BLOCKS: Tuple[Tuple[int, ...], ...] = ((), (0, 1), (0, 2, 4), (0, 1))


@dataclass(frozen=True)
class Preset:
    name: str
    embed_dim: int
    depths: Tuple[int, ...]
    num_heads: Tuple[int, ...]
    window_size: int
    query_size: int
    reference_size: int
    num_experts: int = 6
    top_k: int = 2
    moe_blocks: Tuple[Tuple[int, ...], ...] = SMGEO_MOE_BLOCKS
    heatmap_stride: int = 8
    fusion_dim: int = 128
    fusion_heads: int = 4
    patch_size: int = 4
    mlp_ratio: float = 4.0
    router_noise: float = 1.0
    head_channels: int = 64
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Lists arrive from JSON and from asdict() copies; freeze them so presets compare equal.
        object.__setattr__(self, "depths", tuple(int(d) for d in self.depths))
        object.__setattr__(self, "num_heads", tuple(int(h) for h in self.num_heads))
        object.__setattr__(self, "moe_blocks", tuple(tuple(int(b) for b in s) for s in self.moe_blocks))
        object.__setattr__(self, "extra", dict(self.extra))
        self.validate()

    def validate(self) -> None:
        stages = len(self.depths)
        if stages != 4 or len(self.num_heads) != 4 or len(self.moe_blocks) != 4:
            raise ValueError(f"preset {self.name!r}: depths, num_heads and moe_blocks need 4 stages")
        for i, heads in enumerate(self.num_heads):
            if (self.embed_dim * 2**i) % heads:
                raise ValueError(f"preset {self.name!r}: stage {i + 1} width {self.embed_dim * 2**i} "
                                 f"is not divisible by {heads} heads")
        if self.fusion_dim % self.fusion_heads:
            raise ValueError(f"preset {self.name!r}: fusion_dim must be divisible by fusion_heads")
        if not 1 <= self.top_k <= self.num_experts:
            raise ValueError(f"preset {self.name!r}: top_k must be between 1 and num_experts")
        if self.heatmap_stride != 8:
            raise ValueError(f"preset {self.name!r}: the head predicts at stride 8 only")
        for size, what in ((self.query_size, "query_size"), (self.reference_size, "reference_size")):
            if size % (self.patch_size * 8):
                raise ValueError(f"preset {self.name!r}: {what}={size} must be a multiple of "
                                 f"{self.patch_size * 8} (the stride of the last stage)")

    def stage_dim(self, stage: int) -> int:
        return self.embed_dim * 2**stage

    def is_moe(self, stage: int, block: int) -> bool:
        return block in self.moe_blocks[stage]


PRESETS = {
    # The paper's Swin-T configuration at CVOGL's sizes (query 256, satellite chip 1024).
    "paper": Preset(name="paper", embed_dim=96, depths=(2, 2, 6, 2), num_heads=(3, 6, 12, 24),
                    window_size=8, query_size=256, reference_size=1024, fusion_dim=256, fusion_heads=8,
                    head_channels=128),
    # Trainable on 2 CPU cores; the app's default model.
    "nano": Preset(name="nano", embed_dim=32, depths=(2, 2, 2, 2), num_heads=(1, 2, 4, 8),
                   window_size=8, query_size=128, reference_size=256, fusion_dim=128, fusion_heads=4,
                   head_channels=64),
    # Tests and the app's test fixture: seconds to build, milliseconds to run.
    "tiny": Preset(name="tiny", embed_dim=16, depths=(2, 2, 2, 2), num_heads=(1, 2, 4, 8),
                   window_size=8, query_size=64, reference_size=128, fusion_dim=32, fusion_heads=2,
                   head_channels=16),
}


def get_preset(preset: "str | Mapping[str, Any] | Preset") -> Preset:
    if isinstance(preset, Preset):
        return preset
    if isinstance(preset, str):
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
        return PRESETS[preset]
    if isinstance(preset, Mapping):
        known = {f.name for f in dataclasses.fields(Preset)}
        unknown = set(preset) - known
        if unknown:
            raise ValueError(f"preset has unknown fields {sorted(unknown)}; was it written by a newer version?")
        return Preset(**preset)
    raise TypeError(f"preset must be a name, a dict or a Preset, not {type(preset).__name__}")


def with_sizes(preset: "str | Preset", query_size: int, reference_size: int) -> Preset:
    """The same network at other input sizes (the weights do not depend on them)."""
    return dataclasses.replace(get_preset(preset), query_size=query_size, reference_size=reference_size)
