import { DataTypes, Sequelize } from 'sequelize';

export const analytics = new Sequelize(process.env.ANALYTICS_DATABASE_URL!, { logging: false });

export const PageView = analytics.define('PageView', {
  path: { type: DataTypes.STRING, allowNull: false },
  userId: { type: DataTypes.STRING },
});

export async function initAnalytics() {
  await analytics.sync({ alter: true });
}
