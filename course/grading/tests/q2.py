"""Pregunta 2: one batch epoch of ADALINE (mean over the rows), checked epoch by epoch."""

from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 1


@test_case(points=1, hidden=False)
def test_epoca_adaline(epoca_adaline):
    from neurona.exercises import check_epoch

    check_epoch(epoca_adaline, neuron="adaline", mode="batch", lang="es").raise_if_failed()
