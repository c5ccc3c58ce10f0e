"""Render the hand-drawn icons (resources/icons/*.svg) into the PNG, .ico and .icns files the app ships.

    .venv/bin/python -m tools.render_icons

Qt's own SVG renderer (QtSvg is in PySide6-Essentials) draws every PNG size from the SVG, so a small size is
drawn for its grid, not shrunk from a large bitmap. Pillow (a matplotlib dependency) packs those PNGs into
the Windows .ico and the macOS .icns. Run it again after changing an SVG and commit what it writes.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
# The hicolor theme's sizes (the freedesktop icon theme spec); 512 is also the .icns's largest.
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # the .ico format stops at 256
# (SVG stem, hicolor context): the app's icon and the .golive document's.
ICONS_TO_RENDER = (("golive-cockpit", "apps"), ("application-x-golive-cockpit", "mimetypes"))


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication([])  # QImage text and painting need an application object
    for stem, context in ICONS_TO_RENDER:
        pngs: dict[int, bytes] = {}
        for size in SIZES:
            pngs[size] = render_png(ICONS / f"{stem}.svg", size)
            target = ICONS / "hicolor" / f"{size}x{size}" / context / f"{stem}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pngs[size])
        images = {size: Image.open(io.BytesIO(png)) for size, png in pngs.items()}
        largest_ico = images[ICO_SIZES[-1]]
        largest_ico.save(
            ICONS / f"{stem}.ico",
            sizes=[(s, s) for s in ICO_SIZES],
            append_images=[images[s] for s in ICO_SIZES[:-1]],
        )
        images[512].save(ICONS / f"{stem}.icns", append_images=[images[s] for s in (16, 32, 64, 128, 256)])
        print(f"{stem}: {len(SIZES)} PNGs, .ico, .icns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
