/** How the import checker (.dependency-cruiser.cjs) resolves "@/…": the project's root, as tsconfig.json maps it. */
module.exports = { resolve: { alias: { "@": __dirname } } };
