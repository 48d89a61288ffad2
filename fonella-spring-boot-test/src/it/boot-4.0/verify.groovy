// The checks every line shares (matrixApp: src/it/matrix-app).
evaluate(new File(matrixApp, "verify.groovy"))
