from .click import make_click_channel
from .normalize import MEAN, STD, denormalize_rgb, normalize_rgb

__all__ = ["MEAN", "STD", "denormalize_rgb", "make_click_channel", "normalize_rgb"]
