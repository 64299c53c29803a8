from .gmoe import ExpertPool, GMoEFFN, Router
from .smgeo import REFERENCE_FEATURES, SMGeo, count_parameters, routing_keys
from .swin import SwinBackbone, SwinBlock, WindowAttention

__all__ = ["ExpertPool", "GMoEFFN", "REFERENCE_FEATURES", "Router", "SMGeo", "SwinBackbone", "SwinBlock",
           "WindowAttention", "count_parameters", "routing_keys"]
