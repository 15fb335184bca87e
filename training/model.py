"""A small 3-D U-Net sized for CPU inference on a heart-region box at 2 mm."""

import torch
from torch import nn


def block(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv3d(cin, cout, 3, padding=1, bias=False),
        nn.BatchNorm3d(cout),
        nn.ReLU(inplace=True),
        nn.Conv3d(cout, cout, 3, padding=1, bias=False),
        nn.BatchNorm3d(cout),
        nn.ReLU(inplace=True),
    )


class UNet3d(nn.Module):
    """Encoder-decoder with skip connections; each level halves the grid (2, 4, 8, 16 mm cells)."""

    def __init__(self, in_channels: int, classes: int, channels: list):
        super().__init__()
        self.channels = channels
        self.encoders = nn.ModuleList()
        cin = in_channels
        for c in channels:
            self.encoders.append(block(cin, c))
            cin = c
        self.pool = nn.MaxPool3d(2)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.decoders = nn.ModuleList(block(channels[i + 1] + channels[i], channels[i]) for i in reversed(range(len(channels) - 1)))
        self.head = nn.Conv3d(channels[0], classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips = []
        for i, enc in enumerate(self.encoders):
            x = enc(x)
            if i < len(self.encoders) - 1:
                skips.append(x)
                x = self.pool(x)
        for dec in self.decoders:
            x = dec(torch.cat([self.up(x), skips.pop()], dim=1))
        return self.head(x)

    def flops(self, patch) -> float:
        """Multiply-adds × 2 of the convolutions for one patch (z, y, x)."""
        voxels = patch[0] * patch[1] * patch[2]
        total = 0.0
        cin = None
        for level, c in enumerate(self.channels):
            v = voxels / 8**level
            first = self.encoders[level][0].in_channels
            total += v * 27 * 2 * (first * c + c * c)
        for i in reversed(range(len(self.channels) - 1)):
            v = voxels / 8**i
            c = self.channels[i]
            total += v * 27 * 2 * ((self.channels[i + 1] + c) * c + c * c)
        total += voxels * 2 * self.channels[0] * self.head.out_channels
        return total
