"""Share of CPU samples per pipeline stage, from `perf script -F ip,sym` output (frame pointers).
Each sample goes to the stage of its innermost frame that names one."""
import collections, sys
STAGES = [
    ("YAML", ["serde_yaml", "saphyr", "content::yaml"]),
    ("Fluent/ICU", ["fluent_bundle", "fluent::", "icu_", "fixed_decimal", "i18n::Locale::format", "Localizer::"]),
    ("Markdown", ["pulldown_cmark", "markdown::"]),
    ("chart layout", ["charts::layout", "charts::text", "charts::scale", "charts::scene"]),
    ("SVG writing", ["charts::svg", "plotters"]),
    ("PNG (cache, raster)", ["output::png", "output::cache", "resvg", "tiny_skia", "usvg"]),
    ("templates (tera)", ["tera::"]),
    ("writing files", ["Sink>::write", "Staging", "Ledger"]),
    ("downloads (CSV/JSON)", ["publish::"]),
    ("derive, freeze", ["figures::"]),
    ("load (other)", ["content::", "Site::load"]),
    ("plan", ["plan::"]),
    ("page views (other)", ["view::", "Site::inputs_for", "Site::view"]),
]
def stage(frames):
    for f in frames:
        for name, marks in STAGES:
            if any(m in f for m in marks):
                return name
    return "other (rayon, allocator, start-up)"
counts = collections.Counter()
text = open(sys.argv[1]).read().split("\n\n")
for s in text:
    frames = [l.strip().split(" ", 1)[1] if " " in l.strip() else l.strip() for l in s.strip().split("\n") if l.strip()]
    if frames:
        counts[stage(frames)] += 1
total = sum(counts.values())
for name, _ in STAGES + [("other (rayon, allocator, start-up)", [])]:
    print(f"{name:38s} {100 * counts[name] / total:5.1f} %")
print(f"{'samples':38s} {total}")
