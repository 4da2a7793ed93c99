"""Training kg's Persian pipeline from the UD treebanks: conversion, vectors, scores, the model card."""
