"""Pregunta 1: one step of the perceptron's error rule, checked update by update.

An otter-grader exception-based test: otter passes the notebook's ``paso_perceptron`` by
name; ``raise_if_failed`` raises an ``AssertionError`` whose message (in Spanish) names the
first wrong update and the likely mistake, and otter shows it to the student.
"""

from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 1


@test_case(points=1, hidden=False)
def test_paso_perceptron(paso_perceptron):
    from neurona.exercises import check_update

    check_update(paso_perceptron, neuron="perceptron", rule="error", lang="es").raise_if_failed()
