"""Datasets for training and evaluating SMGeo."""
from .cvogl import CvoglDataset, concat_datasets, resolve_dataset_dir, set_epoch

__all__ = ["CvoglDataset", "concat_datasets", "resolve_dataset_dir", "set_epoch"]
