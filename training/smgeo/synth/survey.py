"""One place seen twice: the orthophoto on one date and the drone flight on another."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .lighting import LitScene, Sun, light
from .ortho import render_ortho
from .photometric import random_sun, season_albedo
from .scene import Scene, generate_scene


@dataclass
class Survey:
    scene: Scene
    ortho: np.ndarray  # uint8 [H, W, 3] at the scene GSD
    ortho_sun: Sun
    drone_lit: LitScene
    drone_sun: Sun
    drone_season: str


def make_survey(seed, size_m: float, gsd: float = 0.5) -> Survey:
    """Scene, orthophoto and the drone date's lighting, all from one seed."""
    ss = np.random.SeedSequence(seed) if not isinstance(seed, np.random.SeedSequence) else seed
    scene_ss, look_ss = ss.spawn(2)
    scene = generate_scene(scene_ss, size_m, gsd)
    rng = np.random.default_rng(look_ss)
    ortho_sun = Sun(float(rng.uniform(120, 240)), float(rng.uniform(35, 65)))
    ortho = render_ortho(scene, ortho_sun, rng.integers(2**31))
    drone_sun = random_sun(rng)
    albedo, season = season_albedo(scene.albedo, scene.material, rng)
    lit = light(scene.height, scene.gsd, albedo, scene.wall, drone_sun)
    return Survey(scene, ortho, ortho_sun, lit, drone_sun, season)
