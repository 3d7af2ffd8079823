from warta.pipeline import STAGES, check_stages


def test_pipeline_every_stage_has_what_it_requires():
    assert check_stages() == []


def test_pipeline_stage_order():
    assert [stage.name for stage in STAGES][:5] == ["extract", "clean", "metadata", "language", "fingerprint"]
